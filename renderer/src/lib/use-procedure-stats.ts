import { useEffect } from 'react';
import { useKioskApi } from '../platform/kiosk-api';

/**
 * Tells the host's statistics which part of a procedure is on screen (a step id, 'summary' or
 * 'outcome'), so it can count where residents give up; reaching the outcome counts as finished.
 * Ids only — never an answer. The host checks the ids against the procedure.
 */
export function useProcedureStats(procedureId: string, showing: string): void {
  const api = useKioskApi();
  useEffect(() => {
    const ignore = () => undefined;
    api.stats.record({ kind: 'procedure-step', procedureId, stepId: showing }).catch(ignore);
    if (showing === 'outcome') api.stats.record({ kind: 'procedure-finished', procedureId }).catch(ignore);
  }, [api, procedureId, showing]);
}
