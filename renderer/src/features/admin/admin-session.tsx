import { createContext, useContext } from 'react';
import { KioskError } from '../../../../electron/common/contract/kiosk-error';
export { errorMessage } from '../../../../electron/common/errors/error-message';

/**
 * The unlocked admin session as the panels see it. The token lives only here, in memory, for as
 * long as the admin screen is open: never in storage, the URL or a log. `run` hands it to one admin
 * call; when the host says the session is over (`admin-required`: expired, or locked elsewhere) the
 * screen goes back to the PIN pad.
 */
export interface AdminSession {
  run<T>(call: (token: string) => Promise<T>): Promise<T>;
}

export const AdminSessionContext = createContext<AdminSession | null>(null);

export function useAdminSession(): AdminSession {
  const value = useContext(AdminSessionContext);
  if (!value) throw new Error('useAdminSession() outside the admin screen');
  return value;
}

export function isAdminRequired(error: unknown): boolean {
  return error instanceof KioskError && error.code === 'admin-required';
}
