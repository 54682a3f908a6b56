import type { ProcedureSession } from '../../../../kiosk-content/src/procedures/common';

export interface ProcedureSnapshot {
  session: ProcedureSession;
  /** The receipt preview was open (its reference is fetched again: a new slip, a new number). */
  previewOpen: boolean;
}

/**
 * Opening a cited article or a related question from the outcome page covers the procedure screen,
 * which unmounts; 返回 must show the same outcome. The screen leaves its session here, tagged with its
 * navigation entry key. One slot only: a procedure opened again (or anything after 首页) has a new
 * key, so the previous resident's answers can never come back.
 */
let slot: { key: number; snapshot: ProcedureSnapshot } | null = null;

export function rememberProcedure(key: number, snapshot: ProcedureSnapshot): void {
  slot = { key, snapshot };
}

export function recallProcedure(key: number): ProcedureSnapshot | null {
  if (slot && slot.key === key) return slot.snapshot;
  slot = null;
  return null;
}

/** The session ended: the resident's answers are dropped. */
export function forgetProcedure(): void {
  slot = null;
}
