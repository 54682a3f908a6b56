/**
 * The sandboxed preload (bundled to dist/electron/preload.cjs: sandboxed preloads cannot load ES
 * modules or local files). It exposes exactly one object, `window.kioskBridge`, whose invoke only
 * reaches contract methods; see kiosk-bridge.ts.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createChannelAllowList, type ContractNames } from '../common/contract/channel-allow-list';
import { createKioskBridge } from './kiosk-bridge';

/** Injected by scripts/build/build-electron.ts: contractNames(kioskContract), as a literal. */
declare const __KIOSK_CONTRACT_NAMES__: ContractNames;

contextBridge.exposeInMainWorld('kioskBridge', createKioskBridge(ipcRenderer, createChannelAllowList(__KIOSK_CONTRACT_NAMES__)));
