import type { ComponentType } from 'react';
import type { StepView } from '../../../../kiosk-content/src/procedures/common';

/** What a question step's input gets: the engine's view of the step, and where its answer goes (the engine checks it). */
export interface StepInputProps {
  view: StepView;
  onAnswer(value: unknown): void;
}

/**
 * A step input that another feature provides (the ID-card step comes from features/idcard). The
 * procedure screen receives it from app/screens.tsx, so no feature imports another.
 */
export type StepInput = ComponentType<StepInputProps>;
