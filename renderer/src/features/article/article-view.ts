/** The parts of an ISO `YYYY-MM-DD` date, for the `article.date` message (2012年12月28日). */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Null for anything that is not a plain ISO date: it is shown as it came rather than guessed at. */
export function lawDateParts(iso: string): DateParts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day };
}
