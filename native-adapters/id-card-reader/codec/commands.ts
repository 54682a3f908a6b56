import { encodeRequest } from './frame';

/**
 * The commands the kiosk uses (§3). 0x30 0x10 (fingerprints) is deliberately absent: fingerprint
 * templates are sensitive biometric data the kiosk has no use for (§11, 个人信息保护法 第二十八条).
 * 0x60 / 0x61 are single-source and marked "do not use".
 */
export const Command = {
  resetSam: { cmd: 0x10, para: 0xff },
  samStatus: { cmd: 0x11, para: 0xff },
  readSamId: { cmd: 0x12, para: 0xff },
  findCard: { cmd: 0x20, para: 0x01 },
  selectCard: { cmd: 0x20, para: 0x02 },
  readBaseInfo: { cmd: 0x30, para: 0x01 },
  readAdditionalAddress: { cmd: 0x30, para: 0x03 },
} as const;

export type CommandName = keyof typeof Command;

/** Recommended reply timeouts in milliseconds (§9). */
export const commandTimeoutMs: Record<CommandName, number> = {
  resetSam: 500,
  samStatus: 500,
  readSamId: 500,
  findCard: 300,
  selectCard: 300,
  readBaseInfo: 2000,
  readAdditionalAddress: 1500,
};

/** SW3 each command answers on success (find answers 0x9F, not 0x90). */
export const successSw3: Record<CommandName, readonly number[]> = {
  resetSam: [0x90],
  samStatus: [0x90],
  readSamId: [0x90],
  findCard: [0x9f],
  selectCard: [0x90],
  readBaseInfo: [0x90],
  readAdditionalAddress: [0x90, 0x91],
};

export function encodeCommand(name: CommandName): Uint8Array {
  const { cmd, para } = Command[name];
  return encodeRequest(cmd, para);
}

export function commandNameOf(cmd: number, para: number): CommandName | null {
  for (const [name, c] of Object.entries(Command) as Array<[CommandName, { cmd: number; para: number }]>) {
    if (c.cmd === cmd && c.para === para) return name;
  }
  return null;
}

/** Baud rates to probe at start-up, in the spec's order (§1). */
export const BAUD_RATES = [115200, 57600, 38400, 19200, 9600] as const;
/** How long to wait for the SAM-status reply at each rate while probing (§1). */
export const BAUD_PROBE_TIMEOUT_MS = 300;
/** Gap after each reply before the next command (§10.4). */
export const INTER_COMMAND_GAP_MS = 20;
