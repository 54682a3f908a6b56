import { createContext, useContext, useEffect, type ReactNode, type RefObject } from 'react';

/** Goes back one screen inside the step; false when the step is on its first screen. */
export type StepBackHandler = () => boolean;

const StepBackContext = createContext<RefObject<StepBackHandler | null> | null>(null);

/**
 * 返回 inside a step that has screens of its own (the ID-card step: what is read → place the card
 * → fill in by hand): the procedure asks the step in `slot` first, and only when the step is on
 * its first screen does 返回 go to the previous question (or out of the procedure).
 */
export function StepBackProvider({ slot, children }: { slot: RefObject<StepBackHandler | null>; children: ReactNode }) {
  return <StepBackContext.Provider value={slot}>{children}</StepBackContext.Provider>;
}

/** Registers this step's own 返回 while it is shown; `null` when it is on its first screen. */
export function useStepBack(handler: StepBackHandler | null): void {
  const slot = useContext(StepBackContext);
  useEffect(() => {
    if (!slot) return;
    slot.current = handler;
    return () => {
      if (slot.current === handler) slot.current = null;
    };
  });
}
