import type { StoredTerminalConfig } from '../../common/config/terminal-config';
import type { TerminalSettings } from '../../common/config/terminal-settings';
import type { Logger } from '../system/logger';
import { readStoredTerminalConfig, toContentConfig, toTerminalSettings } from './terminal-config-store';
import { errorMessage } from '../../common/errors/error-message';

export interface Provisioning {
  /** Null = not provisioned (or the stored file is unusable: see problems). */
  config: StoredTerminalConfig | null;
  problems: string[];
  /** What KioskHost uses when its caller passes no `terminal`. */
  terminal: TerminalSettings;
  /**
   * ContentService settings from the provisioned file. Undefined when not provisioned: then
   * ContentService keeps reading config/content.json + config/trusted-keys/ (the way before terminal.json,
   * still handy for development).
   */
  contentConfig: ReturnType<typeof toContentConfig> | undefined;
}

/**
 * Reads KIOSK_DATA_DIR/config/terminal.json at host start. A missing file is normal (an
 * unprovisioned terminal still runs: 未配置 device lines, no site name); an invalid one is logged
 * field by field and the terminal runs unprovisioned until a technician provisions it again.
 */
export function loadProvisioning(configDir: string, logger: Logger): Provisioning {
  const read = readStoredTerminalConfig(configDir);
  for (const p of read.problems) logger.log('error', 'provisioning.invalid', { field: p.path, problem: p.message.slice(0, 200) });
  let contentConfig: Provisioning['contentConfig'];
  if (read.config) {
    try {
      contentConfig = toContentConfig(read.config);
    } catch (error) {
      logger.log('error', 'provisioning.content-keys-invalid', { error: errorMessage(error) });
    }
  }
  return {
    config: read.config,
    problems: read.problems.map((p) => `${p.path}: ${p.message}`),
    terminal: toTerminalSettings(read.config),
    contentConfig,
  };
}
