import type { IdCardField } from '../../../../kiosk-content/src/procedures/common';

/** The masked applicant for the outcome receipt (only name and number print; nothing when the step was skipped). */
export function receiptApplicant(fields: Partial<Record<IdCardField, string>> | null): { applicant?: { name?: string; idNumber?: string } } {
  if (!fields || (!fields.name && !fields.idNumber)) return {};
  return { applicant: { ...(fields.name ? { name: fields.name } : {}), ...(fields.idNumber ? { idNumber: fields.idNumber } : {}) } };
}
