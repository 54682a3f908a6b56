import { describe, expect, it } from 'vitest';
import { channelForMethod, EVENT_CHANNEL, methodForChannel } from './channels';
import { kioskContract } from './kiosk-api';

describe('IPC channel names', () => {
  it('puts every contract method on a kiosk: channel and maps it back', () => {
    for (const name of Object.keys(kioskContract.methods)) {
      const channel = channelForMethod(name);
      expect(channel).toMatch(/^kiosk:[a-z]+\.[a-zA-Z]+$/);
      expect(methodForChannel(channel)).toBe(name);
    }
  });

  it('does not treat the event channel or foreign channels as methods', () => {
    expect(methodForChannel(EVENT_CHANNEL)).toBeUndefined();
    expect(methodForChannel('electron:devtools')).toBeUndefined();
  });

  it('names events onDid…', () => {
    for (const name of Object.keys(kioskContract.events)) expect(name).toMatch(/^[a-z]+\.onDid[A-Z]/);
  });
});
