import { createContext, useContext, useMemo, useReducer, type ReactNode } from 'react';
import {
  initialNavigation,
  navigationReducer,
  type ScreenEntry,
  type ScreenId,
  type ScreenParamMap,
} from './navigation-stack';

/** open('search') for screens without parameters, open('x', { … }) for screens that take some. */
type OpenArgs<K extends ScreenId> = ScreenParamMap[K] extends undefined ? [id: K] : [id: K, params: ScreenParamMap[K]];

export interface Navigation {
  current: ScreenEntry;
  depth: number;
  open<K extends ScreenId>(...args: OpenArgs<K>): void;
  back(): void;
  home(): void;
}

const NavigationContext = createContext<Navigation | null>(null);

export function NavigationProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(navigationReducer, undefined, initialNavigation);
  const value = useMemo<Navigation>(() => {
    const current = state.stack[state.stack.length - 1] ?? { id: 'home', params: undefined, key: 0 };
    return {
      current,
      depth: state.stack.length,
      open: (...args: [ScreenId, unknown?]) =>
        dispatch({ type: 'open', entry: { id: args[0], params: args[1] } as Omit<ScreenEntry, 'key'> }),
      back: () => dispatch({ type: 'back' }),
      home: () => dispatch({ type: 'home' }),
    } as Navigation;
  }, [state]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const value = useContext(NavigationContext);
  if (!value) throw new Error('useNavigation() outside <NavigationProvider>');
  return value;
}
