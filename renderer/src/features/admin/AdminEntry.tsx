import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent, type ReactNode } from 'react';
import { useSession, useSessionHold } from '../../app/session/SessionProvider';
import { useKioskApi } from '../../platform/kiosk-api';
import { AdminScreen } from './AdminScreen';
import { AdminSessionContext, isAdminRequired, type AdminSession } from './admin-session';
import { TapCounter, type PinNotice } from './admin-view';
import { PinPad } from './PinPad';
import styles from './admin.module.css';

/** Without a touch for this long the admin screen locks itself and closes (the PIN pad: the shorter one). */
export const ADMIN_IDLE_SECONDS = 120;
const PIN_IDLE_SECONDS = 60;

export interface AdminEntry {
  /** Spread on the element that takes the hidden gesture (the site name in the top bar). */
  gestureProps: { onPointerDown(event: PointerEvent<HTMLElement>): void; 'data-testid': string };
  /** The PIN pad / admin screen over everything while open; null otherwise. */
  overlay: ReactNode;
}

/**
 * The technician's way in: five taps within three seconds on the site name (one finger, nothing a
 * resident does by chance — see README → technicians), then the admin PIN. The shell spreads
 * `gestureProps` on the site name and renders `overlay`.
 */
export function useAdminEntry(): AdminEntry {
  const [open, setOpen] = useState(false);
  const counter = useRef(new TapCounter());
  const onPointerDown = useCallback(() => {
    if (counter.current.tap(Date.now())) setOpen(true);
  }, []);
  const close = useCallback(() => setOpen(false), []);
  return {
    gestureProps: { onPointerDown, 'data-testid': 'admin-gesture' },
    overlay: open ? <AdminOverlay onClose={close} /> : null,
  };
}

type Stage = { kind: 'pin'; notice: PinNotice } | { kind: 'open'; token: string };

/**
 * The PIN pad, then the admin screen, above the resident's app. While it is open the resident's
 * idle timer is held; the admin screen has its own, shorter one that locks. Leaving in any way
 * (关闭, inactivity, the session remounting) locks the host session; after an unlocked visit the
 * resident session ends too ('admin'), so nothing of a resident from before stays on screen.
 */
function AdminOverlay({ onClose }: { onClose(): void }) {
  const api = useKioskApi();
  const session = useSession();
  const [stage, setStage] = useState<Stage>({ kind: 'pin', notice: { kind: 'none' } });
  const token = useRef<string | null>(null);
  const unlockedOnce = useRef(false);
  const root = useRef<HTMLDivElement>(null);
  useSessionHold('admin', true);

  const lockNow = useCallback(() => {
    const held = token.current;
    token.current = null;
    if (held) api.admin.lock({ token: held }).catch(() => undefined); // already expired: locked anyway
  }, [api]);

  // However the overlay goes away (a crash, the session remounting), the token goes with it.
  useEffect(() => lockNow, [lockNow]);

  const leave = useCallback(() => {
    lockNow();
    if (unlockedOnce.current) session.end('admin');
    onClose();
  }, [lockNow, session, onClose]);

  // Inactivity: any touch or key inside restarts the clock.
  const idleSeconds = stage.kind === 'open' ? ADMIN_IDLE_SECONDS : PIN_IDLE_SECONDS;
  const [activity, setActivity] = useState(0);
  useEffect(() => {
    const timer = setTimeout(leave, idleSeconds * 1000);
    return () => clearTimeout(timer);
  }, [activity, idleSeconds, leave]);

  const adminSession = useMemo<AdminSession>(
    () => ({
      run: async (call) => {
        const held = token.current;
        if (!held) throw new Error('locked');
        try {
          return await call(held);
        } catch (error) {
          if (isAdminRequired(error) && token.current === held) {
            token.current = null;
            setStage({ kind: 'pin', notice: { kind: 'expired' } });
          }
          throw error;
        }
      },
    }),
    [],
  );

  return (
    <div
      ref={root}
      className={styles.overlay}
      role="dialog"
      aria-modal="true"
      aria-labelledby="admin-dialog-title"
      data-testid="admin-overlay"
      data-stage={stage.kind}
      onPointerDownCapture={() => setActivity((n) => n + 1)}
      onKeyDownCapture={() => setActivity((n) => n + 1)}
    >
      {stage.kind === 'pin' ? (
        <PinPad
          key={stage.notice.kind}
          initialNotice={stage.notice}
          onCancel={leave}
          onUnlocked={(next) => {
            token.current = next;
            unlockedOnce.current = true;
            setStage({ kind: 'open', token: next });
          }}
        />
      ) : (
        <AdminSessionContext.Provider value={adminSession}>
          <AdminScreen onClose={leave} idleSeconds={ADMIN_IDLE_SECONDS} />
        </AdminSessionContext.Provider>
      )}
    </div>
  );
}
