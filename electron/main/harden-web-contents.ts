import type { Session, WebContents } from 'electron';
import type { Logger } from '../node/system/logger';
import { decideNavigation, decidePermissionRequest, decideWebviewAttach, decideWindowOpen } from './navigation-policy';

/**
 * Applies the navigation policy to one WebContents. Called from app 'web-contents-created', so it
 * covers every WebContents Electron ever makes, not only the kiosk window's. Log fields carry the
 * URL's origin only: a path or query could hold something a resident typed.
 */
export function hardenWebContents(contents: WebContents, log: Logger): void {
  contents.on('will-navigate', (event) => {
    if (decideNavigation(event.url) === 'allow') return;
    event.preventDefault();
    log.log('warn', 'navigation.denied', { kind: 'will-navigate', origin: originOf(event.url) });
  });
  contents.on('will-frame-navigate', (event) => {
    if (decideNavigation(event.url) === 'allow') return;
    event.preventDefault();
    log.log('warn', 'navigation.denied', { kind: 'will-frame-navigate', origin: originOf(event.url) });
  });
  contents.on('will-redirect', (event) => {
    if (decideNavigation(event.url) === 'allow') return;
    event.preventDefault();
    log.log('warn', 'navigation.denied', { kind: 'will-redirect', origin: originOf(event.url) });
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.log('warn', 'navigation.denied', { kind: 'window-open', origin: originOf(url) });
    return decideWindowOpen(url);
  });
  contents.on('will-attach-webview', (event, _webPreferences, params) => {
    if (decideWebviewAttach(params['src']) === 'allow') return;
    event.preventDefault();
    log.log('warn', 'navigation.denied', { kind: 'webview', origin: originOf(params['src'] ?? '') });
  });
}

/** Session-wide refusals: permissions, device pickers, downloads. */
export function hardenSession(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((contents, permission, callback) => {
    const granted = decidePermissionRequest(permission, contents.getURL());
    log.log('warn', 'permission.denied', { permission });
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => decidePermissionRequest(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => {
    event.preventDefault();
    log.log('warn', 'download.denied');
  });
}

export function originOf(raw: string): string {
  try {
    const url = new URL(raw);
    return url.origin === 'null' ? `${url.protocol}//${url.host}` : url.origin;
  } catch {
    return '(invalid url)';
  }
}
