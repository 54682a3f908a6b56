import type { DocumentAnswers, PartyAnswer } from '../../../kiosk-content/src/documents/common/document-answers';
import { checkAnswer, checkAnswers, fieldById, visibleFields } from '../../../kiosk-content/src/documents/common/document-answers';
import type { DocumentField, DocumentType } from '../../../kiosk-content/src/documents/common/document-types';
import { idCardParts } from '../../../kiosk-content/src/documents/common/document-types';
import { composeDocument } from '../../../kiosk-content/src/documents/common/compose-document';
import { documentPdf, layoutForPrint } from '../../../kiosk-content/src/documents/node/render-pdf';
import { localToday } from '../../../kiosk-content/src/documents/node/fill-document';
import type { CardRecord } from '../../../native-adapters/id-card-reader/codec/card-text';
import type { A4JobState, A4PrinterService } from '../../../native-adapters/a4-printer/service/a4-printer-service';
import type {
  A4PrintState,
  DocumentAnswerProblem,
  DocumentAnswersInput,
  DocumentForm,
  DocumentFormField,
  DocumentSummary,
} from '../../common/contract/document-api';
import type { IdCardState } from '../../common/contract/idcard-api';
import { KioskError } from '../../common/contract/kiosk-error';
import type { KioskApiImpl } from '../../common/contract/kiosk-api';
import { a4FailureText, a4ProblemText, NEUTRAL_JOB_TITLE, NO_A4_PRINTER_TEXT } from '../../common/domain/a4-print-text';
import { handFillInput } from '../../common/receipts/hand-fill-input';
import type { HandFillInput } from '../../common/receipts/receipt-builders';
import { toIdCardState } from '../host/idcard-wiring';
import type { Logger } from '../system/logger';
import type { IdCardService } from './id-card-service';

export interface DocumentServiceOptions {
  /** The document types of the content shown now. */
  types: () => DocumentType[];
  /** The provisioned CUPS queue; null = no A4 printer at this terminal. */
  a4Queue: string | null;
  printer: A4PrinterService;
  idCard: IdCardService;
  logger: Logger;
  today?: () => string;
}

/** The card's values in the form's terms, held for this session only. */
type CardParty = Required<Pick<PartyAnswer, 'name' | 'gender' | 'birthDate' | 'ethnicity' | 'address' | 'idNumber'>>;

function cardParty(card: CardRecord): CardParty {
  const birth = /^(\d{4})(\d{2})(\d{2})$/.exec(card.birthDate);
  const ethnicity =
    card.type === 'resident' && card.ethnicity
      ? /^[\u4e00-\u9fff]+$/.test(card.ethnicity) && !card.ethnicity.endsWith('族') && card.ethnicity !== '其他'
        ? `${card.ethnicity}族`
        : card.ethnicity
      : '';
  return {
    name: card.name,
    gender: card.gender === 'male' ? '男' : card.gender === 'female' ? '女' : '',
    birthDate: birth ? `${birth[1] ?? ''}-${birth[2] ?? ''}-${birth[3] ?? ''}` : '',
    ethnicity,
    address: 'address' in card ? card.address : '',
    idNumber: card.idNumber,
  };
}

/**
 * Documents for the resident's screen: the forms, the per-screen checks, the preview layout and
 * printing through the A4 printer. Holds, for one session only, the ID card's clear values of the
 * applicant (copied from the record before the ID-card service scrubs it) and the print job's
 * state; wipe() forgets both. The answers themselves live in the screen and are sent with each
 * call; nothing is written to disk — the PDF goes from memory to `lp` on stdin.
 */
export class DocumentService {
  private card: CardParty | null = null;
  private job: A4PrintState = { state: 'idle', message: '' };
  private printing = false;
  private readonly log: Logger;
  private readonly today: () => string;

  constructor(private readonly options: DocumentServiceOptions) {
    this.log = options.logger.child('documents');
    this.today = options.today ?? (() => localToday());
  }

  list(): DocumentSummary[] {
    return this.options.types().map(summaryOf);
  }

  form(typeId: string): DocumentForm {
    const type = this.type(typeId);
    return { type: summaryOf(type), fields: type.sections.flatMap((s) => s.fields).map(formFieldOf), a4PrinterInstalled: this.options.a4Queue !== null };
  }

  /** Answers with the ID card's values put in for `{ fromIdCard: true }` parties. */
  private resolve(type: DocumentType, input: DocumentAnswersInput): { answers: DocumentAnswers; problems: DocumentAnswerProblem[] } {
    const answers: DocumentAnswers = {};
    const problems: DocumentAnswerProblem[] = [];
    for (const [id, value] of Object.entries(input)) {
      if (value && typeof value === 'object' && value.fromIdCard) {
        const field = fieldById(type, id);
        if (!field || field.type !== 'party' || !field.idcard) {
          problems.push({ field: id, reason: '这一项不能从身份证读取' });
          continue;
        }
        if (!this.card) {
          problems.push({ field: id, reason: '身份证信息已清除，请重新读卡或者手动填写' });
          continue;
        }
        const party: PartyAnswer = { kind: 'person', ...this.card };
        if (value.phone !== undefined) party.phone = value.phone;
        answers[id] = party;
        continue;
      }
      answers[id] = value as DocumentAnswers[string];
    }
    return { answers, problems };
  }

  /** The current screen's problems (upTo), or those of every answer so far (null), and the fields asked now. */
  check(typeId: string, input: DocumentAnswersInput, upTo: string | null): { problems: DocumentAnswerProblem[]; visibleFieldIds: string[] } {
    const type = this.type(typeId);
    const resolved = this.resolve(type, input);
    const visible = visibleFields(type, resolved.answers);
    const today = this.today();
    const targets = upTo === null ? visible.filter((f) => f.id in resolved.answers) : visible.filter((f) => f.id === upTo);
    const problems = resolved.problems.filter((p) => upTo === null || p.field === upTo);
    const unresolved = new Set(resolved.problems.map((p) => p.field));
    for (const field of targets) if (!unresolved.has(field.id)) problems.push(...checkAnswer(field, resolved.answers[field.id], today).problems);
    return { problems, visibleFieldIds: visible.map((f) => f.id) };
  }

  readIdCard(): IdCardState {
    this.card = null;
    this.options.idCard.startRead(['maskedName', 'maskedIdNumber'], (record) => {
      this.card = cardParty(record);
      this.log.log('info', 'idcard.kept-for-document', {});
    });
    return toIdCardState(this.options.idCard.getState());
  }

  preview(typeId: string, input: DocumentAnswersInput): { problems: DocumentAnswerProblem[]; layout: ReturnType<typeof layoutForPrint> | null } {
    const type = this.type(typeId);
    const resolved = this.resolve(type, input);
    const checked = checkAnswers(type, resolved.answers, this.today());
    const problems = merged(resolved.problems, checked.problems);
    if (problems.length > 0 || !checked.answers) return { problems, layout: null };
    return { problems: [], layout: layoutForPrint(composeDocument(type, checked.answers)) };
  }

  async print(typeId: string, input: DocumentAnswersInput): Promise<{ problems: DocumentAnswerProblem[]; state: A4PrintState }> {
    const type = this.type(typeId);
    if (this.printing) return { problems: [], state: this.job };
    const resolved = this.resolve(type, input);
    const checked = checkAnswers(type, resolved.answers, this.today());
    const problems = merged(resolved.problems, checked.problems);
    if (problems.length > 0 || !checked.answers) return { problems, state: this.job };
    const queue = this.options.a4Queue;
    if (queue === null) {
      this.job = { state: 'failed', reason: 'no-printer', message: NO_A4_PRINTER_TEXT };
      return { problems: [], state: this.job };
    }
    const { pdf } = await documentPdf(composeDocument(type, checked.answers));
    this.printing = true;
    this.job = { state: 'checking', message: '正在准备打印' };
    this.log.log('info', 'print.start', { type: type.id, bytes: pdf.length, queue });
    void this.options.printer
      .print(queue, pdf, NEUTRAL_JOB_TITLE, (state) => {
        this.job = printStateOf(state);
      })
      .then((final) => {
        this.job = printStateOf(final);
      })
      .finally(() => {
        this.printing = false;
        pdf.fill(0);
      });
    return { problems: [], state: this.job };
  }

  /**
   * What the no-A4-printer slip says (ID-card values masked there), with the outcomes that offer
   * the document (their materials are what to bring). Null when there is no such document.
   */
  handFill(typeId: string, input: DocumentAnswersInput, materials: (offeredBy: string[]) => readonly string[]): { name: string; slip: HandFillInput } | null {
    const type = this.options.types().find((t) => t.id === typeId);
    if (!type) return null;
    const { answers } = this.resolve(type, input);
    return { name: type.name, slip: handFillInput(type, answers, this.today(), { materials: materials(type.offeredBy) }) };
  }

  printState(): A4PrintState {
    return this.job;
  }

  /** End of session: the card's values and the job state are forgotten. */
  wipe(): void {
    this.card = null;
    if (!this.printing) this.job = { state: 'idle', message: '' };
  }

  private type(typeId: string): DocumentType {
    const type = this.options.types().find((t) => t.id === typeId);
    if (!type) throw new KioskError('not-found', '没有这份文书');
    return type;
  }

  api(): KioskApiImpl['documents'] {
    return {
      list: () => this.list(),
      getForm: ({ typeId }) => this.form(typeId),
      check: ({ typeId, answers, upTo }) => this.check(typeId, answers, upTo),
      readIdCard: () => this.readIdCard(),
      preview: ({ typeId, answers }) => this.preview(typeId, answers),
      print: ({ typeId, answers }) => this.print(typeId, answers),
      getPrintState: () => this.printState(),
      wipe: () => {
        this.wipe();
        return undefined;
      },
    };
  }
}

/** A party the card could not fill is reported once, not again part by part. */
function merged(resolveProblems: DocumentAnswerProblem[], answerProblems: DocumentAnswerProblem[]): DocumentAnswerProblem[] {
  const unresolved = new Set(resolveProblems.map((p) => p.field));
  return [...resolveProblems, ...answerProblems.filter((p) => !unresolved.has(p.field.split('.')[0] ?? ''))];
}

function summaryOf(type: DocumentType): DocumentSummary {
  return {
    id: type.id,
    name: type.name,
    title: type.title,
    subtitle: type.subtitle,
    summary: type.summary,
    offeredBy: type.offeredBy,
    keywords: type.keywords,
  };
}

function formFieldOf(field: DocumentField): DocumentFormField {
  const base = {
    id: field.id,
    type: field.type,
    label: field.label,
    question: field.question ?? field.label,
    help: field.help,
    required: field.required,
    conditional: field.when !== null,
  };
  switch (field.type) {
    case 'party':
      return {
        ...base,
        kinds: field.kinds,
        idcard: field.idcard,
        parts: field.idcard ? [...new Set([...field.requiredParts, ...idCardParts])] : field.requiredParts,
      };
    case 'text':
      return { ...base, multiline: field.multiline, maxLength: field.maxLength };
    case 'amount':
      return { ...base, min: field.min, max: field.max };
    case 'date':
      return { ...base, past: field.past };
    case 'choice':
      return { ...base, options: field.options };
  }
}

function printStateOf(state: A4JobState): A4PrintState {
  switch (state.state) {
    case 'checking':
      return { state: 'checking', message: '正在准备打印' };
    case 'printing':
      return state.problem
        ? { state: 'printing', reason: state.problem, message: a4ProblemText[state.problem] }
        : { state: 'printing', message: '正在打印，请稍候' };
    case 'done':
      return { state: 'done', message: '打印好了，请在打印机取走文书，核对后签名' };
    case 'failed':
      return { state: 'failed', reason: state.reason, message: a4FailureText[state.reason] };
  }
}
