import { useEffect } from 'react';
import { I18nProvider } from '../i18n/I18nProvider';
import { NavigationProvider } from '../lib/navigation';
import { AppShell } from './AppShell';
import { CrashBoundary } from './CrashBoundary';
import { StartupGate } from './StartupGate';
import { DisplayTogglesProvider } from './display/display-toggles';
import { SessionNavigationWatcher } from './session/SessionNavigationWatcher';
import { SessionProvider } from './session/SessionProvider';

export function App() {
  // A long press on a touch screen would open the browser's context menu: a pop-up with nothing for residents.
  useEffect(() => {
    const block = (event: Event) => event.preventDefault();
    document.addEventListener('contextmenu', block);
    return () => document.removeEventListener('contextmenu', block);
  }, []);

  return (
    <I18nProvider>
      {/* Last resort if the shell itself fails: start over from a fresh page. */}
      <CrashBoundary onReset={() => window.location.reload()}>
        <StartupGate>
          {/* Everything inside the session is remounted when a resident's session ends: nothing of theirs stays on screen. */}
          <SessionProvider>
            <DisplayTogglesProvider>
              <NavigationProvider>
                <SessionNavigationWatcher />
                <AppShell />
              </NavigationProvider>
            </DisplayTogglesProvider>
          </SessionProvider>
        </StartupGate>
      </CrashBoundary>
    </I18nProvider>
  );
}
