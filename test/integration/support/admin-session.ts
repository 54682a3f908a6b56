import path from 'node:path';
import type { KioskApi } from '../../../electron/common/contract/kiosk-api';
import { provisionTerminal } from '../../../electron/node/provisioning/terminal-config-store';

/** A test terminal's admin PIN (fictional). */
export const TEST_ADMIN_PIN = '583920';

/** Provisions a minimal test terminal (site marked as test data) with TEST_ADMIN_PIN in <dataDir>/config. */
export function provisionTestTerminal(dataDir: string, extra: Record<string, unknown> = {}): void {
  const result = provisionTerminal(
    path.join(dataDir, 'config'),
    { terminalId: 'test-01', site: '测试站点（测试数据）', region: '110101', adminPin: TEST_ADMIN_PIN, ...extra },
    { baseDir: dataDir },
  );
  if (!result.ok) throw new Error(`test provisioning failed: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
}

/** Unlocks the admin API with TEST_ADMIN_PIN; returns the session token. */
export async function adminToken(api: KioskApi): Promise<string> {
  const result = await api.admin.unlock({ pin: TEST_ADMIN_PIN });
  if (!result.ok) throw new Error(`admin unlock failed: ${result.reason}`);
  return result.token;
}
