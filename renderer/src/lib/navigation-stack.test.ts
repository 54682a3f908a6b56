import { describe, expect, it } from 'vitest';
import { initialNavigation, navigationReducer, type NavigationState } from './navigation-stack';

const ids = (state: NavigationState) => state.stack.map((entry) => entry.id);

describe('navigationReducer', () => {
  it('starts on home and never goes back past it', () => {
    const start = initialNavigation();
    expect(ids(start)).toEqual(['home']);
    expect(navigationReducer(start, { type: 'back' })).toBe(start);
  });

  it('opens screens on a stack, goes back one, and home clears it', () => {
    let state = initialNavigation();
    state = navigationReducer(state, { type: 'open', entry: { id: 'search', params: undefined } });
    state = navigationReducer(state, { type: 'open', entry: { id: 'guides', params: undefined } });
    expect(ids(state)).toEqual(['home', 'search', 'guides']);
    state = navigationReducer(state, { type: 'back' });
    expect(ids(state)).toEqual(['home', 'search']);
    const before = state.stack[0]?.key;
    state = navigationReducer(state, { type: 'home' });
    expect(ids(state)).toEqual(['home']);
    expect(state.stack[0]?.key).not.toBe(before);
  });

  it('gives every opened screen its own key, so reopening one remounts it', () => {
    let state = initialNavigation();
    state = navigationReducer(state, { type: 'open', entry: { id: 'search', params: undefined } });
    const first = state.stack[1]?.key;
    state = navigationReducer(state, { type: 'back' });
    state = navigationReducer(state, { type: 'open', entry: { id: 'search', params: undefined } });
    expect(state.stack[1]?.id).toBe('search');
    expect(state.stack[1]?.key).not.toBe(first);
  });

  it('treats opening home like pressing 首页', () => {
    let state = initialNavigation();
    state = navigationReducer(state, { type: 'open', entry: { id: 'search', params: undefined } });
    state = navigationReducer(state, { type: 'open', entry: { id: 'home', params: undefined } });
    expect(ids(state)).toEqual(['home']);
  });
});
