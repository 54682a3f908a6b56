/**
 * A stand-in for the `electron` module, bundled in place of it (esbuild alias) by
 * test/integration/electron-main-smoke.test.ts, so the real electron/main/index.ts runs in plain
 * Node. It records what the shell asks of Electron, then plays the part of the kiosk page: loads
 * the entry URL through the registered app:// handler, calls the IPC handlers as a trusted and an
 * untrusted frame, asks for a permission, and tries to navigate away. The record goes to
 * FAKE_ELECTRON_REPORT as JSON. This is a test double, not Electron: it proves the wiring only.
 */
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { errorMessage } from '../../../electron/common/errors/error-message';

type Listener = (...args: unknown[]) => unknown;

const calls: string[] = [];
const report: Record<string, unknown> = { calls };
let ready = false;

// index.ts reads process.resourcesPath at start-up, as Electron sets it.
(process as { resourcesPath?: string }).resourcesPath = process.env['FAKE_RESOURCES_PATH'] ?? '';

class FakeApp extends EventEmitter {
  isPackaged = true;
  commandLine = { appendSwitch: (name: string, value?: string) => calls.push(`app.commandLine.appendSwitch:${name}${value === undefined ? '' : `=${value}`}`) };
  enableSandbox(): void {
    calls.push('app.enableSandbox');
  }
  setPath(name: string, value: string): void {
    calls.push(`app.setPath:${name}`);
    report['userData'] = value;
  }
  requestSingleInstanceLock(): boolean {
    calls.push('app.requestSingleInstanceLock');
    return true;
  }
  whenReady(): Promise<void> {
    return new Promise((resolve) =>
      setTimeout(() => {
        ready = true;
        calls.push('app.ready');
        resolve();
      }, 0),
    );
  }
  getVersion(): string {
    return '0.0.0-smoke';
  }
  quit(): void {
    calls.push('app.quit');
  }
  exit(code: number): void {
    calls.push(`app.exit:${code}`);
    process.exit(code);
  }
}
export const app = new FakeApp();

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    calls.push(`protocol.registerSchemesAsPrivileged${ready ? ':after-ready' : ''}`);
    report['schemes'] = schemes;
  },
};

const handlers = new Map<string, (request: Request) => Promise<Response>>();
class FakeSession extends EventEmitter {
  permissionRequestHandler: Listener | undefined;
  protocol = {
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
      calls.push(`session.protocol.handle:${scheme}`);
      handlers.set(scheme, handler);
    },
  };
  setPermissionRequestHandler(handler: Listener): void {
    calls.push('session.setPermissionRequestHandler');
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(): void {
    calls.push('session.setPermissionCheckHandler');
  }
  setDevicePermissionHandler(): void {
    calls.push('session.setDevicePermissionHandler');
  }
}
const defaultSession = new FakeSession();
export const session = { defaultSession };

const ipcHandlers = new Map<string, Listener>();
export const ipcMain = {
  handle(channel: string, listener: Listener): void {
    ipcHandlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    ipcHandlers.delete(channel);
  },
};

export const powerSaveBlocker = {
  start(type: string): number {
    calls.push(`powerSaveBlocker.start:${type}`);
    return 1;
  },
  stop(id: number): void {
    calls.push(`powerSaveBlocker.stop:${String(id)}`);
  },
};

export const Menu = {
  setApplicationMenu(menu: unknown): void {
    calls.push(`Menu.setApplicationMenu:${menu === null ? 'null' : 'menu'}`);
  },
};

class FakeWebContents extends EventEmitter {
  url = '';
  windowOpenHandler: Listener | undefined;
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }
  setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    calls.push(`webContents.setVisualZoomLevelLimits:${min},${max}`);
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return false;
  }
  getURL(): string {
    return this.url;
  }
  send(channel: string, message: unknown): void {
    (report['sent'] as unknown[] | undefined)?.push({ channel, message });
  }
  reload(): void {}
  forcefullyCrashRenderer(): void {}
}

const windows: FakeBrowserWindow[] = [];
export class FakeBrowserWindow extends EventEmitter {
  static getAllWindows(): FakeBrowserWindow[] {
    return windows;
  }
  readonly webContents = new FakeWebContents();
  constructor(options: unknown) {
    super();
    calls.push('new BrowserWindow');
    report['windowOptions'] = options;
    windows.push(this);
    // As Electron does for every WebContents it creates.
    app.emit('web-contents-created', {}, this.webContents);
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  show(): void {
    calls.push('window.show');
  }
  async loadURL(url: string): Promise<void> {
    calls.push(`window.loadURL:${url}`);
    this.webContents.url = url;
    await playThePage(this, url);
  }
}
export { FakeBrowserWindow as BrowserWindow };

function navigation(url: string) {
  const event = { url, prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}

async function playThePage(window: FakeBrowserWindow, url: string): Promise<void> {
  const handler = handlers.get('app');
  const response = await handler?.(new Request(url));
  report['entry'] = {
    status: response?.status,
    csp: response?.headers.get('content-security-policy'),
    body: await response?.text(),
  };
  const escape = await handler?.(new Request('app://kiosk/%2e%2e/%2e%2e/package.json'));
  report['traversalStatus'] = escape?.status;

  report['ipcChannels'] = [...ipcHandlers.keys()].sort();
  const trusted = { senderFrame: { url, parent: null } };
  const untrusted = { senderFrame: { url: 'https://evil.example/', parent: null } };
  report['sent'] = [];
  report['getInfo'] = await ipcHandlers.get('kiosk:system.getInfo')?.(trusted, undefined);
  try {
    await ipcHandlers.get('kiosk:system.getInfo')?.(untrusted, undefined);
    report['untrusted'] = 'answered';
  } catch (error) {
    report['untrusted'] = `rejected: ${errorMessage(error)}`;
  }

  const granted: boolean[] = [];
  defaultSession.permissionRequestHandler?.(window.webContents, 'media', (value: boolean) => granted.push(value));
  report['mediaPermission'] = granted;

  const away = navigation('https://evil.example/');
  window.webContents.emit('will-navigate', away);
  const within = navigation('app://kiosk/index.html');
  window.webContents.emit('will-navigate', within);
  report['navigation'] = { awayPrevented: away.prevented, withinPrevented: within.prevented };
  report['windowOpen'] = window.webContents.windowOpenHandler?.({ url: 'app://kiosk/index.html' });

  window.emit('ready-to-show');
  setTimeout(() => {
    app.emit('will-quit');
    writeFileSync(process.env['FAKE_ELECTRON_REPORT'] ?? 'fake-electron-report.json', JSON.stringify(report, null, 2));
    process.exit(0);
  }, 0);
}
