import { useEffect, useState } from 'react';
import type { KioskApi, KioskEventName, KioskEvents } from '../../../electron/common/contract/kiosk-api';
import type { EventPayload } from '../../../electron/common/contract/define-contract';
import { useKioskApi } from './kiosk-api';

/**
 * A host value kept live: one fetch, then the host's change events. `null` until the first answer.
 * It subscribes before fetching, so a change while the fetch is in flight is not lost, and a pushed
 * value wins over a reply still on its way. If the host is unreachable for a moment the value stays
 * null (each screen says what it shows meanwhile) and the next event updates it.
 */
export function useLiveValue<K extends KioskEventName>(
  event: K,
  fetch: (api: KioskApi) => Promise<EventPayload<KioskEvents, K>>,
): EventPayload<KioskEvents, K> | null {
  const api = useKioskApi();
  const [value, setValue] = useState<EventPayload<KioskEvents, K> | null>(null);
  useEffect(() => {
    let fresh = true;
    const unsubscribe = api.events.on(event, (next) => {
      fresh = false;
      setValue(next);
    });
    fetch(api).then(
      (initial) => {
        if (fresh) setValue(initial);
      },
      () => undefined,
    );
    return () => {
      fresh = false;
      unsubscribe();
    };
    // Only the event name and the API identify the value: `fetch` is a new arrow on every render.
  }, [api, event]);
  return value;
}
