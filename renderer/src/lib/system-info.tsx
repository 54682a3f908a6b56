import { createContext, useContext, type ReactNode } from 'react';
import type { SystemInfo } from '../../../electron/common/contract/kiosk-api';

/** The terminal's description, fetched once at start-up (app/StartupGate) and read by any screen. */
const SystemInfoContext = createContext<SystemInfo | null>(null);

export function SystemInfoProvider({ info, children }: { info: SystemInfo; children: ReactNode }) {
  return <SystemInfoContext.Provider value={info}>{children}</SystemInfoContext.Provider>;
}

export function useSystemInfo(): SystemInfo {
  const info = useContext(SystemInfoContext);
  if (!info) throw new Error('useSystemInfo() outside <SystemInfoProvider>');
  return info;
}
