import { describe, expect, it } from 'vitest';
import { contractNames, createChannelAllowList } from './channel-allow-list';
import { channelForMethod } from './channels';
import { kioskContract } from './kiosk-api';

describe('preload channel allow-list', () => {
  const allow = createChannelAllowList(contractNames(kioskContract));

  it('holds exactly the contract methods, each on its kiosk: channel', () => {
    expect(contractNames(kioskContract).methods).toEqual(Object.keys(kioskContract.methods));
    expect([...allow.channels].sort()).toEqual(Object.keys(kioskContract.methods).map(channelForMethod).sort());
    for (const name of Object.keys(kioskContract.methods)) expect(allow.channelFor(name)).toBe(`kiosk:${name}`);
  });

  it('refuses names outside the contract, prototype keys and non-strings', () => {
    for (const name of ['system.reboot', 'kiosk:system.getInfo', 'event', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) {
      expect(allow.channelFor(name), name).toBeUndefined();
    }
    for (const value of [undefined, null, 42, {}, ['system.getInfo'], { toString: () => 'system.getInfo' }]) {
      expect(allow.channelFor(value)).toBeUndefined();
    }
  });

  it('knows the contract events and nothing else', () => {
    for (const name of Object.keys(kioskContract.events)) expect(allow.isEvent(name)).toBe(true);
    expect(allow.isEvent('devices.onDidExplode')).toBe(false);
    expect(allow.isEvent('__proto__')).toBe(false);
    expect(allow.isEvent(undefined)).toBe(false);
  });
});
