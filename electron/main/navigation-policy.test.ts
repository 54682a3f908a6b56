import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../node/system/logger';
import { hardenSession, hardenWebContents, originOf } from './harden-web-contents';
import { APP_ENTRY_URL, decideNavigation, decidePermissionRequest, decideWebviewAttach, decideWindowOpen, isAppUrl } from './navigation-policy';

describe('navigation policy', () => {
  it('recognises only app://kiosk/ URLs as ours', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://kiosk/')).toBe(true);
    expect(isAppUrl('app://kiosk/laws/123?q=劳动#top')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://kiosk.evil.com/index.html',
      'app://user:pw@kiosk/index.html',
      'app://kiosk:8080/index.html',
      'https://kiosk/index.html',
      'http://127.0.0.1:5180/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<h1>x</h1>',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('allows navigation within the app and denies everything else', () => {
    expect(decideNavigation('app://kiosk/index.html')).toBe('allow');
    expect(decideNavigation('https://www.gov.cn/')).toBe('deny');
    expect(decideNavigation('file:///home/kiosk/.ssh/id_rsa')).toBe('deny');
  });

  it('denies every popup, permission and webview, even for our own origin', () => {
    expect(decideWindowOpen(APP_ENTRY_URL)).toEqual({ action: 'deny' });
    expect(decideWindowOpen('https://example.com/')).toEqual({ action: 'deny' });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal', 'unknown']) {
      expect(decidePermissionRequest(permission, APP_ENTRY_URL), permission).toBe(false);
    }
    expect(decideWebviewAttach(APP_ENTRY_URL)).toBe('deny');
    expect(decideWebviewAttach(undefined)).toBe('deny');
  });
});

/** Just enough of WebContents for hardenWebContents: events plus setWindowOpenHandler. */
class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return APP_ENTRY_URL;
  }
}

function navigationEvent(url: string) {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

describe('hardenWebContents', () => {
  function setup() {
    const fake = new FakeWebContents();
    const log = createMemoryLogger();
    hardenWebContents(fake as unknown as WebContents, log);
    return { fake, log };
  }

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: lets app pages through and blocks the rest', (name) => {
    const { fake, log } = setup();
    const inside = navigationEvent('app://kiosk/index.html');
    fake.emit(name, inside);
    expect(inside.defaultPrevented).toBe(false);

    const outside = navigationEvent('https://phish.example/login?id=110101199003071234');
    fake.emit(name, outside);
    expect(outside.defaultPrevented).toBe(true);
    expect(log.lines).toContainEqual({ level: 'warn', event: 'navigation.denied', fields: { kind: name, origin: 'https://phish.example' } });
    // Only the origin is logged: a query string can carry personal data.
    expect(JSON.stringify(log.lines)).not.toContain('110101');
  });

  it('denies window.open', () => {
    const { fake } = setup();
    expect(fake.windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
    expect(fake.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('destroys any <webview> before it attaches', () => {
    const { fake } = setup();
    const event = navigationEvent('');
    fake.emit('will-attach-webview', event, {}, { src: 'https://example.com/' });
    expect(event.defaultPrevented).toBe(true);
  });
});

class FakeSession extends EventEmitter {
  requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  checkHandler: ((contents: unknown, permission: string, origin: string) => boolean) | undefined;
  deviceHandler: (() => boolean) | undefined;
  setPermissionRequestHandler(handler: FakeSession['requestHandler']): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['checkHandler']): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['deviceHandler']): void {
    this.deviceHandler = handler;
  }
}

describe('hardenSession', () => {
  it('denies permission requests and checks, device access and downloads', () => {
    const fake = new FakeSession();
    const log = createMemoryLogger();
    hardenSession(fake as unknown as Session, log);

    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications']) {
      fake.requestHandler?.(new FakeWebContents(), permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false]);
    expect(log.lines.filter((line) => line.event === 'permission.denied')).toHaveLength(3);
    expect(fake.checkHandler?.(null, 'clipboard-read', 'app://kiosk')).toBe(false);
    expect(fake.deviceHandler?.()).toBe(false);

    const download = navigationEvent('');
    fake.emit('will-download', download);
    expect(download.defaultPrevented).toBe(true);
  });
});

describe('originOf', () => {
  it('keeps scheme and host only', () => {
    expect(originOf('https://a.example:8443/p?q=1')).toBe('https://a.example:8443');
    expect(originOf('app://kiosk/x?y')).toBe('app://kiosk');
    expect(originOf('nonsense')).toBe('(invalid url)');
  });
});
