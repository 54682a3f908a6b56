/**
 * The kiosk's navigation: an in-memory stack of screens, nothing in the URL. A reload or a new
 * session always starts on the home screen, so one resident's path never shows to the next.
 */

/** Every screen and the parameters it is opened with. A feature adds its id here and its screen in app/screens.tsx. */
export interface ScreenParamMap {
  home: undefined;
  search: undefined;
  guides: undefined;
  /** One guided procedure (办事指南), by its id. */
  procedure: { id: string };
  /** One Q&A entry, by its id. */
  qa: { id: string };
  /** One law article, by its library key (`劳动合同法|第四十七条`). */
  article: { key: string };
  /** 帮我填写…: one document type, by its id. */
  document: { typeId: string };
}

export type ScreenId = keyof ScreenParamMap;

export type ScreenEntry = {
  [K in ScreenId]: { id: K; params: ScreenParamMap[K]; key: number };
}[ScreenId];

export interface NavigationState {
  /** Never empty; the first entry is always the home screen. */
  stack: readonly ScreenEntry[];
  nextKey: number;
}

export type NavigationAction = { type: 'open'; entry: Omit<ScreenEntry, 'key'> } | { type: 'back' } | { type: 'home' };

export function initialNavigation(): NavigationState {
  return { stack: [{ id: 'home', params: undefined, key: 0 }], nextKey: 1 };
}

export function navigationReducer(state: NavigationState, action: NavigationAction): NavigationState {
  switch (action.type) {
    case 'open': {
      if (action.entry.id === 'home') return navigationReducer(state, { type: 'home' });
      const entry = { ...action.entry, key: state.nextKey } as ScreenEntry;
      return { stack: [...state.stack, entry], nextKey: state.nextKey + 1 };
    }
    case 'back':
      return state.stack.length > 1 ? { ...state, stack: state.stack.slice(0, -1) } : state;
    case 'home':
      // A fresh key, so going home always shows a freshly mounted home screen.
      return { stack: [{ id: 'home', params: undefined, key: state.nextKey }], nextKey: state.nextKey + 1 };
  }
}
