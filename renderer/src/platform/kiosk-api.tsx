import { createContext, useContext, type ReactNode } from 'react';
import { kioskContract, type KioskApi } from '../../../electron/common/contract/kiosk-api';
import { createRpcClient } from '../../../electron/common/rpc/rpc-client';
import { createHttpLink } from './http-link';
import { createIpcLink, getKioskBridge } from './ipc-link';

/**
 * The only place the renderer learns how it talks to the host: Electron IPC when the preload
 * bridge is present, loopback HTTP otherwise. Features call useKioskApi() and never care.
 */
export function createKioskApi(): KioskApi {
  const bridge = getKioskBridge();
  return createRpcClient(kioskContract, bridge ? createIpcLink(bridge) : createHttpLink());
}

const KioskApiContext = createContext<KioskApi | null>(null);

export function KioskApiProvider({ api, children }: { api: KioskApi; children: ReactNode }) {
  return <KioskApiContext.Provider value={api}>{children}</KioskApiContext.Provider>;
}

export function useKioskApi(): KioskApi {
  const api = useContext(KioskApiContext);
  if (!api) throw new Error('useKioskApi() outside <KioskApiProvider>');
  return api;
}
