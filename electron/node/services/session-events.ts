import type { KioskApiImpl } from '../../common/contract/kiosk-api';
import type { SessionEndReason } from '../../common/contract/session-api';
import { errorMessage } from '../../common/errors/error-message';
import { Emitter, type Unsubscribe } from '../../common/events/emitter';
import type { Logger } from '../system/logger';

/**
 * The end of a resident's session (home button, finish, idle timeout): services that hold anything
 * of that resident subscribe and drop it here. One failing handler does not stop the others.
 */
export class SessionEvents {
  private readonly ended: Emitter<SessionEndReason>;

  constructor(private readonly logger: Logger) {
    this.ended = new Emitter((error) => logger.log('error', 'session.end-handler-failed', { error: errorMessage(error) }));
  }

  onEnd(handler: (reason: SessionEndReason) => void): Unsubscribe {
    return this.ended.on(handler);
  }

  end(reason: SessionEndReason): void {
    this.ended.fire(reason);
    this.logger.log('info', 'session.ended', { reason });
  }

  /** The `session` part of the KioskApi. */
  api(): KioskApiImpl['session'] {
    return {
      end: ({ reason }) => {
        this.end(reason);
        return undefined;
      },
    };
  }
}
