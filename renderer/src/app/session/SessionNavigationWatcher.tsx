import { useEffect } from 'react';
import { useNavigation } from '../../lib/navigation';
import { useSession } from './SessionProvider';

/**
 * Tells the session which screen is shown, and ends it when the resident goes 首页 (any 首页
 * button: the top bar's or a procedure's). The navigation gives the home screen a new key only on
 * 首页 — 返回 to it keeps the first one — and a new session starts with a fresh stack at key 0.
 */
export function SessionNavigationWatcher() {
  const { current } = useNavigation();
  const session = useSession();
  const { showing, end } = session;
  useEffect(() => {
    if (current.id === 'home' && current.key !== 0) end('home');
    else showing(current.id);
  }, [current.id, current.key, showing, end]);
  return null;
}
