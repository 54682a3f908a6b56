import { createContext, useContext, useEffect, useMemo, useReducer, useRef, type ReactNode, type RefObject } from 'react';
import { initialNavigation, navigationReducer, type ScreenEntry, type ScreenId, type ScreenParamMap } from './navigation-stack';

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

/**
 * What the one 返回 in the top bar does on the current screen. A screen with screens of its own
 * (a procedure's questions) takes it over: 返回 then means "the previous thing I saw", and only
 * when the screen is at its own start does it go to the previous screen.
 */
export type ScreenBackHandler = () => void;
const ScreenBackContext = createContext<RefObject<ScreenBackHandler | null> | null>(null);

export function NavigationProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(navigationReducer, undefined, initialNavigation);
  const value = useMemo<Navigation>(() => {
    const current = state.stack[state.stack.length - 1] ?? { id: 'home', params: undefined, key: 0 };
    return {
      current,
      depth: state.stack.length,
      open: (...args: [ScreenId, unknown?]) => dispatch({ type: 'open', entry: { id: args[0], params: args[1] } as Omit<ScreenEntry, 'key'> }),
      back: () => dispatch({ type: 'back' }),
      home: () => dispatch({ type: 'home' }),
    } as Navigation;
  }, [state]);
  const screenBack = useRef<ScreenBackHandler | null>(null);
  return (
    <NavigationContext.Provider value={value}>
      <ScreenBackContext.Provider value={screenBack}>{children}</ScreenBackContext.Provider>
    </NavigationContext.Provider>
  );
}

/** The top bar's 返回: the current screen's own handler if it registered one, else the previous screen. */
export function useBackAction(): () => void {
  const navigation = useNavigation();
  const slot = useContext(ScreenBackContext);
  return () => {
    const handler = slot?.current;
    if (handler) handler();
    else navigation.back();
  };
}

/** Makes the top bar's 返回 call `handler` while this screen is shown (see ScreenBackHandler). */
export function useScreenBack(handler: ScreenBackHandler): void {
  const slot = useContext(ScreenBackContext);
  useEffect(() => {
    if (!slot) return;
    slot.current = handler;
    return () => {
      if (slot.current === handler) slot.current = null;
    };
  });
}

export function useNavigation(): Navigation {
  const value = useContext(NavigationContext);
  if (!value) throw new Error('useNavigation() outside <NavigationProvider>');
  return value;
}
