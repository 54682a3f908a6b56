import { randomInt } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProcedureHit } from '../../common/contract/library-api';
import type { OfficeView, ProcedureBundle, ProcedureConfigView, ProcedureListItem } from '../../common/contract/procedures-api';
import type { ReceiptPreview } from '../../common/contract/receipt-api';
import { legalDomains } from '../../../kiosk-content/src/legal-domains/common/legal-domains';
import {
  compileProcedure,
  fillPlaceholders,
  formatContentProblem,
  parseHolidayCalendar,
  type HolidayCalendar,
  type Procedure,
} from '../../../kiosk-content/src/procedures/common';
import { createGb18030Encoder } from '../../../native-adapters/thermal-printer/node/gb18030';
import { layoutReceipt, PAPER_COLUMNS, type PaperWidth } from '../../../native-adapters/thermal-printer/receipt/layout-receipt';
import { buildOutcomeReceipt, type ProcedureOutcomeInput } from '../../common/receipts/receipt-builders';
import { formatIssuedAt } from '../../../native-adapters/thermal-printer/receipt/receipt-document';
import type { Logger } from '../system/logger';
import { errorMessage } from '../../common/errors/error-message';
import { emptyLawVintage, vintageNotice, vintageNotices, type LawVintage } from '../../../kiosk-content/src/law-vintage/common/law-vintage';

export interface ProcedureServiceOptions {
  /** The content folder holding procedures/ (the embedded default content). */
  contentDir: string;
  /** The offices for this terminal's region (resolveOffices: site's own, the pack's regional ones, else the directory's generic entry). */
  offices: readonly OfficeView[];
  /** Region, site and legal-aid standard of the terminal (terminalView); every field null when not provisioned. */
  config?: ProcedureConfigView;
  /** Laws revised after the library snapshot (content law-vintage.yaml); their notice goes on screen and slip. */
  lawVintage?: LawVintage;
  /** Paper of the receipt printer; 58 mm until the configuration says otherwise. */
  paper?: PaperWidth;
  logger: Logger;
  /** Injected for tests: the receipt's time and reference. */
  now?: () => Date;
  reference?: () => string;
}

/** Printed as the site when the terminal has not been provisioned with one. */
export const DEFAULT_RECEIPT_SITE = '法通自助服务终端';

const unconfigured: ProcedureConfigView = { legalAidIncomeThreshold: null, legalAidStandardSource: null, region: null, siteName: null };

/** Letters and digits staff can read out without confusion (no 0/O, 1/I/L). */
const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function randomReference(length = 6): string {
  let out = '';
  for (let i = 0; i < length; i++) out += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)] ?? 'X';
  return out;
}

/**
 * The content's holiday calendar. A file with problems is left out as a whole (logged; `content lint`
 * names each problem): an unknown year makes the kiosk say 「请向工作人员核实」, a wrong one would mislead.
 */
function loadCalendar(contentDir: string, log: Logger): HolidayCalendar | null {
  const file = path.join(contentDir, 'calendar', 'holidays.yaml');
  if (!existsSync(file)) {
    log.log('warn', 'procedures.calendar-missing', { file });
    return null;
  }
  try {
    const { calendar, problems } = parseHolidayCalendar('calendar/holidays.yaml', readFileSync(file, 'utf8'));
    if (problems.length > 0) {
      log.log('error', 'procedures.calendar-left-out', { problems: problems.length, first: problems.slice(0, 3).map(formatContentProblem).join(' | ') });
      return null;
    }
    return calendar;
  } catch (error) {
    log.log('error', 'procedures.calendar-read-failed', { file, error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

/** What procedure search looks at. */
export interface ProcedureSearchEntry {
  id: string;
  title: string;
  summary: string;
  keywords: readonly string[];
}

/**
 * Procedure hits for a search: a procedure matches when a keyword or its title appears in what the
 * resident typed, or when the search's words (the query's own, and the glossary's legal words at half
 * weight) appear in its title, keywords or summary. Deliberately simple: ten procedures do not need an
 * index, and a wrong hit costs the resident a screen, so a lone word in the summary is not enough.
 */
export function matchProcedures(
  entries: readonly ProcedureSearchEntry[],
  queryText: string,
  terms: readonly { term: string; weight: number }[],
  limit = 3,
): ProcedureHit[] {
  const query = queryText.replace(/\s+/g, '');
  const words = terms.filter((t) => [...t.term].length >= 2);
  const scored = entries.map((entry) => {
    let score = 0;
    const marks: [number, number][] = [];
    if (query.length >= 2 && (query.includes(entry.title) || entry.title.includes(query))) score += 3;
    for (const keyword of entry.keywords) if (query.includes(keyword)) score += 2;
    for (const { term, weight } of words) {
      const own = weight >= 1 ? 1 : 0.5;
      if (entry.title.includes(term) || entry.keywords.some((k) => k.includes(term))) score += own;
      else if (entry.summary.includes(term)) score += own / 2;
    }
    // Highlight in the title every query word or keyword found there.
    for (const word of [...words.map((w) => w.term), ...entry.keywords.filter((k) => query.includes(k))]) {
      for (let at = entry.title.indexOf(word); at >= 0; at = entry.title.indexOf(word, at + 1)) marks.push([at, at + word.length]);
    }
    return { entry, score, marks: mergeRanges(marks) };
  });
  return scored
    .filter((s) => s.score >= 1)
    .sort((a, b) => b.score - a.score || a.entry.id.localeCompare(b.entry.id))
    .slice(0, limit)
    .map(({ entry, marks }) => ({ id: entry.id, title: { text: entry.title, marks }, summary: entry.summary }));
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/**
 * 办事指南 on the host: compiles every procedure at start (a broken one is logged and left out; the
 * kiosk still starts), lists them, hands a compiled procedure with its offices to the screen, lays out
 * an outcome's receipt, and answers procedure search.
 */
export class ProcedureService {
  private readonly procedures = new Map<string, Procedure>();
  private readonly offices: readonly OfficeView[];
  private readonly config: ProcedureConfigView;
  private readonly lawVintage: LawVintage;
  private readonly columns: number;
  private readonly encode = createGb18030Encoder();
  private readonly now: () => Date;
  private readonly reference: () => string;
  /** calendar/holidays.yaml of the content; null when missing or broken (every period end is then unknown). */
  private readonly calendar: HolidayCalendar | null;

  constructor(options: ProcedureServiceOptions) {
    const log = options.logger;
    this.offices = options.offices;
    this.config = options.config ?? unconfigured;
    this.lawVintage = options.lawVintage ?? emptyLawVintage;
    this.columns = PAPER_COLUMNS[options.paper ?? '58mm'];
    this.now = options.now ?? (() => new Date());
    this.reference = options.reference ?? (() => randomReference());

    const dir = path.join(options.contentDir, 'procedures');
    let files: string[] = [];
    try {
      files = readdirSync(dir)
        .filter((name) => name.endsWith('.yaml'))
        .sort();
    } catch (error) {
      log.log('warn', 'procedures.folder-missing', { dir, error: errorMessage(error) });
    }
    for (const name of files) {
      const file = path.join(dir, name);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        log.log('error', 'procedures.read-failed', { file, error: errorMessage(error) });
        continue;
      }
      const { procedure, problems } = compileProcedure(name, text);
      if (!procedure) {
        // Editors see every problem with `npm run cli -- content lint`; the log names the first few.
        log.log('error', 'procedures.left-out', {
          file: name,
          problems: problems.length,
          first: problems.slice(0, 3).map(formatContentProblem).join(' | '),
        });
        continue;
      }
      this.procedures.set(procedure.id, procedure);
    }
    this.calendar = loadCalendar(options.contentDir, log);
    log.log('info', 'procedures.ready', {
      count: this.procedures.size,
      files: files.length,
      calendarYears: this.calendar?.years.map((y) => y.year).join(',') ?? '',
    });
  }

  get count(): number {
    return this.procedures.size;
  }

  list(): ProcedureListItem[] {
    return [...this.procedures.values()].map((p) => ({
      id: p.id,
      title: p.title,
      summary: p.summary,
      domain: p.domain,
      domainLabel: legalDomains[p.domain],
    }));
  }

  get(id: string): ProcedureBundle | null {
    const procedure = this.procedures.get(id);
    if (!procedure) return null;
    const kinds = new Set(procedure.outcomeOrder.map((o) => procedure.outcomes[o]?.office).filter((o): o is string => typeof o === 'string'));
    const offices = this.offices.filter((office) => kinds.has(office.kind)).map((office) => ({ ...office, handles: [...office.handles] }));
    const cited = new Set(
      [
        ...procedure.cites,
        ...procedure.outcomeOrder.flatMap((o) => [...(procedure.outcomes[o]?.cites ?? []), ...(procedure.outcomes[o]?.deadlines.map((d) => d.cite) ?? [])]),
      ].map((c) => c.law),
    );
    const lawNotices = this.lawVintage.laws.filter((entry) => cited.has(entry.law)).map((entry) => ({ law: entry.law, notice: vintageNotice(entry) }));
    return { procedure, config: { ...this.config }, offices, lawNotices, calendar: this.calendar };
  }

  previewOutcome(procedureId: string, outcomeId: string, reasons: readonly string[] = [], fills: Readonly<Record<string, string>> = {}): ReceiptPreview | null {
    const input = this.outcomeReceiptInput(procedureId, outcomeId, reasons, fills);
    if (!input) return null;
    const reference = this.reference();
    const header = { siteName: this.config.siteName ?? DEFAULT_RECEIPT_SITE, issuedAt: formatIssuedAt(this.now()), reference };
    const layout = layoutReceipt(buildOutcomeReceipt(header, input), { columns: this.columns, encode: this.encode });
    return { layout, reference };
  }

  /** What an outcome's receipt says (the receipt service adds the terminal's header and paper). */
  outcomeReceiptInput(
    procedureId: string,
    outcomeId: string,
    reasons: readonly string[] = [],
    fills: Readonly<Record<string, string>> = {},
  ): ProcedureOutcomeInput | null {
    const procedure = this.procedures.get(procedureId);
    const outcome = procedure && Object.hasOwn(procedure.outcomes, outcomeId) ? procedure.outcomes[outcomeId] : undefined;
    if (!procedure || !outcome) return null;
    const offices = outcome.office === null ? [] : this.offices.filter((o) => o.kind === outcome.office);
    // The outcome's own texts, with the values the engine put in its placeholders on the screen.
    const fill = (text: string) => fillPlaceholders(text, fills);
    return {
      title: procedure.title,
      // The reasons say why this outcome (e.g. the per-person income); they print under the conclusion.
      conclusion: [fill(outcome.conclusion), ...reasons].join('\n'),
      steps: outcome.steps.map(fill),
      materials: outcome.materials.map(fill),
      offices: offices.map((o) => ({ name: o.name, address: o.address, hours: o.hours, phone: o.phone })),
      deadlines: outcome.deadlines.map((d) => ({ text: fill(d.text) })),
      cites: outcome.cites.map((c) => `《${c.law}》${c.label}`),
      notices: vintageNotices(
        [...outcome.cites, ...outcome.deadlines.map((d) => d.cite)].map((c) => c.law),
        this.lawVintage,
      ),
    };
  }

  /** Procedure hits for search.query (see matchProcedures). */
  search(queryText: string, terms: readonly { term: string; weight: number }[], limit?: number): ProcedureHit[] {
    const entries = [...this.procedures.values()].map((p) => ({ id: p.id, title: p.title, summary: p.summary, keywords: p.keywords }));
    return matchProcedures(entries, queryText, terms, limit);
  }
}
