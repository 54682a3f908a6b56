import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type LaunchMode =
  { kind: 'electron'; electronBinary: string; reason: string } | { kind: 'web'; open: 'chromium' | 'none'; chromium?: string; reason: string };

export interface ModeInputs {
  forceWeb: boolean;
  noOpen: boolean;
  env: NodeJS.ProcessEnv;
  /** Path to the Electron binary if the electron package has one installed. */
  electronBinary: string | undefined;
  /** A Chromium-family browser on PATH, if any. */
  chromium: string | undefined;
}

/** Pure decision, so it can be tested: which way the kiosk starts, and why (one line). */
export function chooseMode(inputs: ModeInputs): LaunchMode {
  const hasDisplay = Boolean(inputs.env['DISPLAY'] || inputs.env['WAYLAND_DISPLAY']) || process.platform === 'win32';
  if (!inputs.forceWeb && inputs.electronBinary) {
    return { kind: 'electron', electronBinary: inputs.electronBinary, reason: 'Electron is installed' };
  }
  const why = inputs.forceWeb ? '--web was given' : 'the Electron binary is not installed';
  if (inputs.noOpen) return { kind: 'web', open: 'none', reason: `${why}; --no-open was given, so the URL is printed` };
  if (!inputs.chromium) return { kind: 'web', open: 'none', reason: `${why}; no Chromium found, so the URL is printed` };
  if (!hasDisplay) return { kind: 'web', open: 'none', reason: `${why}; no display, so the URL is printed` };
  return { kind: 'web', open: 'chromium', chromium: inputs.chromium, reason: `${why}; opening it in ${inputs.chromium} --kiosk` };
}

/** The electron npm package resolves to its binary path, and throws when the download failed. */
export function findElectronBinary(): string | undefined {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

export function findOnPath(names: string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env['PATH'] ?? '').split(path.delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}
