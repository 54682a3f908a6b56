/** Marks overlays whose touches must not count as a new session (the countdown, the rating bar). */
export const SESSION_NEUTRAL = 'data-session-neutral';
