/**
 * Where the kiosk window may go: nowhere but its own app://kiosk/ pages. The kiosk is offline and
 * unattended, so every way out of the app (links, redirects, popups, embedded <webview>s, device and
 * media permissions, downloads) is refused here. The decisions are pure functions so they are tested
 * without Electron; harden-web-contents.ts wires them to Electron's events.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the kiosk window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True only for URLs of our own bundled renderer: app://kiosk/… with no credentials or port. */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '' && url.port === '';
}

export type NavigationDecision = 'allow' | 'deny';

/** will-navigate, will-frame-navigate, will-redirect: stay on our own pages. */
export function decideNavigation(url: string): NavigationDecision {
  return isAppUrl(url) ? 'allow' : 'deny';
}

/** window.open / target=_blank: a kiosk never opens a second window, not even of its own pages. */
export function decideWindowOpen(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** Camera, microphone, geolocation, notifications, clipboard, serial, HID…: none, for any origin. */
export function decidePermissionRequest(_permission: string, _requestingUrl: string): boolean {
  return false;
}

/** <webview> would embed an unsandboxed guest page: never. */
export function decideWebviewAttach(_src: string | undefined): NavigationDecision {
  return 'deny';
}
