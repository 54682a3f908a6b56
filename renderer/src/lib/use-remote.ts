import { useCallback, useEffect, useState, type DependencyList } from 'react';

export type Remote<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error' };

/**
 * Loads something from the host for a screen: `loading` → `ready` | `error`, with a retry.
 * A reply that arrives after the inputs changed (or the screen closed) is dropped.
 */
export function useRemote<T>(load: () => Promise<T>, deps: DependencyList): [Remote<T>, () => void] {
  const [state, setState] = useState<Remote<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (value) => {
        if (current) setState({ status: 'ready', value });
      },
      () => {
        if (current) setState({ status: 'error' });
      },
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; what it depends on is listed in `deps`.
  }, [...deps, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return [state, retry];
}
