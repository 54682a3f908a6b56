import { forgetProcedure } from '../../features/guides/procedure-memory';
import { forgetSearch } from '../../features/search/search-memory';

/**
 * Everything of a resident that lives outside React state, dropped when the session ends. React
 * state itself (screens, back history, the keyboard, 大字模式, 高对比度) goes with the remount of the
 * whole session scope. A feature that keeps something elsewhere registers its own wipe here.
 */
const extraWipes = new Set<() => void>();

export function onSessionWipe(wipe: () => void): () => void {
  extraWipes.add(wipe);
  return () => extraWipes.delete(wipe);
}

export function wipeResidentData(): void {
  forgetSearch();
  forgetProcedure();
  for (const wipe of extraWipes) {
    try {
      wipe();
    } catch (error) {
      console.error('session wipe failed', error);
    }
  }
  // The kiosk stores nothing in the browser; should anything (a library, a future feature) have, it goes too.
  try {
    window.localStorage.clear();
    window.sessionStorage.clear();
  } catch {
    // Storage disabled: nothing stored either.
  }
  void clearIndexedDb();
  void clearCaches();
  if ('speechSynthesis' in window) window.speechSynthesis.cancel();
  // A text field that still has the focus would keep the on-screen caret where the last resident left it.
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
}

async function clearIndexedDb(): Promise<void> {
  if (!('indexedDB' in window) || typeof indexedDB.databases !== 'function') return;
  try {
    for (const db of await indexedDB.databases()) if (db.name) indexedDB.deleteDatabase(db.name);
  } catch {
    // Not available in this context: nothing to clear.
  }
}

async function clearCaches(): Promise<void> {
  if (!('caches' in window)) return;
  try {
    for (const name of await caches.keys()) await caches.delete(name);
  } catch {
    // Cache storage needs a secure context; loopback HTTP has it, file:// may not.
  }
}
