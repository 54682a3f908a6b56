/**
 * Channel names for the Electron IPC link. Every method travels on `kiosk:<service>.<method>`,
 * every event on the single `kiosk:event` channel. The preload refuses anything else.
 */
export const CHANNEL_PREFIX = 'kiosk:';
export const EVENT_CHANNEL = 'kiosk:event';

export function channelForMethod(methodName: string): string {
  return `${CHANNEL_PREFIX}${methodName}`;
}

export function methodForChannel(channel: string): string | undefined {
  return channel.startsWith(CHANNEL_PREFIX) && channel !== EVENT_CHANNEL ? channel.slice(CHANNEL_PREFIX.length) : undefined;
}
