import type { ServicesOf } from '../../../electron/common/contract/define-contract';
import type { libraryMethods } from '../../../electron/common/contract/library-api';
import { useKioskApi } from '../platform/kiosk-api';

/** The part of the KioskApi these screens use: search, suggestions, articles, Q&A. */
export type LibraryApi = ServicesOf<typeof libraryMethods>;

export function useLibraryApi(): LibraryApi {
  return useKioskApi();
}
