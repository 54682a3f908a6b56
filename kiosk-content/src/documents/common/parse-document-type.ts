import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { chineseNumeralChars } from '../../laws/common/chinese-numerals';
import { normalizeLawTitle } from '../../laws/common/law-title';
import { checkExpression, ExpressionError, parseExpression } from '../../procedures/common/expression';
import type { NameResolver } from '../../procedures/common/expression';
import type { ContentProblem } from '../../procedures/common/procedure-types';
import { findUnprintable, formatCodePoint } from '../../qa/common/printable-text';
import type { DocumentCite, DocumentField, DocumentSection, DocumentSource, DocumentType, PartyKind, PartyPart } from './document-types';
import { documentTextLimits, organisationParts, personParts } from './document-types';

/**
 * Parses and checks one document type file. Pure: every defect becomes a problem with its line.
 * Checked here: the shape, unique field ids, every section and field has a source that is an
 * article citation or a declared model, every required field has a question, `when` conditions
 * name earlier choice fields and their options, text lengths, printable characters.
 * Whether a cited article exists is the linter's job (it has the library).
 */
export interface ParseDocumentResult {
  /** Set only when there is no problem. */
  documentType: DocumentType | null;
  problems: ContentProblem[];
}

const idRule = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const N = `[${chineseNumeralChars}]+`;
const citePattern = new RegExp(`^(\\S+) (第${N}条(?:之${N})?)$`);
const partyParts = ['name', 'gender', 'birthDate', 'ethnicity', 'address', 'idNumber', 'phone', 'representative', 'position'] as const;

const text = z.string().trim().min(1);
const common = {
  id: z.string().regex(idRule, 'must be kebab-case (a-z, 0-9, -)'),
  label: text,
  question: text.optional(),
  help: text.optional(),
  required: z.boolean().default(true),
  when: text.optional(),
  source: text,
};
const fieldSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...common,
    type: z.literal('party'),
    kinds: z
      .array(z.enum(['person', 'organisation']))
      .min(1)
      .default(['person']),
    idcard: z.boolean().default(false),
    parts: z.array(z.enum(partyParts)).default(['name', 'address']),
  }),
  z.strictObject({ ...common, type: z.literal('text'), multiline: z.boolean().default(false), maxLength: z.number().int().min(1).max(2000).default(60) }),
  z.strictObject({ ...common, type: z.literal('amount'), min: z.number().min(0).default(0), max: z.number().positive().default(100_000_000) }),
  z.strictObject({ ...common, type: z.literal('date'), past: z.boolean().default(true) }),
  z.strictObject({
    ...common,
    type: z.literal('choice'),
    options: z
      .array(z.strictObject({ value: z.string().regex(idRule, 'must be kebab-case'), label: text }))
      .min(2)
      .max(8),
  }),
]);
const fileSchema = z.strictObject({
  id: z.string().regex(idRule, 'must be kebab-case (a-z, 0-9, -)'),
  title: text,
  subtitle: text.optional(),
  name: text,
  summary: text,
  addressee: z.enum(['court', 'arbitration', 'legal-aid']),
  addresseeField: z.string(),
  keywords: z.array(text).default([]),
  offeredBy: z.array(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must be procedure-id/outcome-id')).default([]),
  models: z.record(z.string().regex(idRule), text).default({}),
  cites: z.array(text).default([]),
  sections: z.array(z.strictObject({ heading: text, source: text, statement: text.optional(), fields: z.array(fieldSchema).default([]) })).min(1),
});

type RawFile = z.infer<typeof fileSchema>;

export function parseDocumentType(source: string, file: string): ParseDocumentResult {
  const problems: ContentProblem[] = [];
  const report = (line: number, message: string) => problems.push({ file, line, message });
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) report(lineCounter.linePos(error.pos[0]).line, `YAML: ${error.message.split('\n')[0] ?? ''}`);
    return { documentType: null, problems };
  }
  const lineAt = (path: readonly (string | number)[]): number => {
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  const parsed = fileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      report(lineAt(path), `${path.join('.') || '(root)'}: ${issue.message}`);
    }
    return { documentType: null, problems };
  }
  const raw: RawFile = parsed.data;

  const checkText = (value: string, line: number, where: string, max: number | null) => {
    const length = [...value.replace(/\s+/g, '')].length;
    if (max !== null && length > max) report(line, `${where} is ${String(length)} characters; at most ${String(max)} fit`);
    const seen = new Set<number>();
    for (const bad of findUnprintable(value)) {
      if (seen.has(bad.codePoint)) continue;
      seen.add(bad.codePoint);
      report(line, `${where}: character ${formatCodePoint(bad.codePoint)} (${bad.reason}) cannot be printed`);
    }
  };
  const cite = (value: string, line: number, where: string): DocumentCite | null => {
    const match = citePattern.exec(value);
    if (!match) {
      report(line, `${where}: "${value}" is not a citation like 民事诉讼法 第一百二十四条`);
      return null;
    }
    return { law: normalizeLawTitle(match[1] ?? ''), label: match[2] ?? '', line };
  };
  const sourceOf = (value: string, line: number, where: string): DocumentSource | null => {
    if (Object.hasOwn(raw.models, value)) return { kind: 'model', id: value, text: raw.models[value] ?? '' };
    if (!citePattern.test(value)) {
      report(
        line,
        `${where}: source "${value}" is neither a citation (法律 第X条) nor a declared model (${Object.keys(raw.models).join(', ') || 'none declared'})`,
      );
      return null;
    }
    const c = cite(value, line, where);
    return c ? { kind: 'cite', cite: c, text: value } : null;
  };

  checkText(raw.name, lineAt(['name']), 'name', documentTextLimits.name);
  checkText(raw.summary, lineAt(['summary']), 'summary', documentTextLimits.summary);
  checkText(raw.title, lineAt(['title']), 'title', documentTextLimits.heading);
  for (const [id, modelText] of Object.entries(raw.models)) checkText(modelText, lineAt(['models', id]), `models.${id}`, null);
  const cites = raw.cites.map((c, i) => cite(c, lineAt(['cites', i]), `cites[${String(i)}]`)).filter((c): c is DocumentCite => c !== null);

  const seenIds = new Map<string, DocumentField>();
  const sections: DocumentSection[] = [];
  raw.sections.forEach((rawSection, s) => {
    const where = `sections[${String(s)}]`;
    const line = lineAt(['sections', s]);
    checkText(rawSection.heading, lineAt(['sections', s, 'heading']), `${where}.heading`, documentTextLimits.heading);
    if (rawSection.statement) checkText(rawSection.statement, lineAt(['sections', s, 'statement']), `${where}.statement`, documentTextLimits.statement);
    const sectionSource = sourceOf(rawSection.source, lineAt(['sections', s, 'source']), `${where}.source`);
    const fields: DocumentField[] = [];
    rawSection.fields.forEach((rawField, f) => {
      const path = ['sections', s, 'fields', f];
      const fieldLine = lineAt(path);
      const fw = `field ${rawField.id}`;
      if (seenIds.has(rawField.id)) report(fieldLine, `${fw}: the id is used twice`);
      checkText(rawField.label, lineAt([...path, 'label']), `${fw}.label`, documentTextLimits.label);
      if (rawField.question) checkText(rawField.question, lineAt([...path, 'question']), `${fw}.question`, documentTextLimits.question);
      else if (rawField.required) report(fieldLine, `${fw} is required but has no question: the resident could never answer it`);
      if (rawField.help) checkText(rawField.help, lineAt([...path, 'help']), `${fw}.help`, documentTextLimits.help);
      const fieldSource = sourceOf(rawField.source, lineAt([...path, 'source']), `${fw}.source`);
      if (rawField.when) checkWhen(rawField.when, lineAt([...path, 'when']), fw, seenIds, report);
      const base = {
        id: rawField.id,
        label: rawField.label,
        question: rawField.question ?? null,
        help: rawField.help ?? null,
        required: rawField.required,
        when: rawField.when ?? null,
        source: fieldSource ?? { kind: 'model' as const, id: '', text: '' },
        line: fieldLine,
      };
      let field: DocumentField;
      switch (rawField.type) {
        case 'party': {
          const kinds: PartyKind[] = [...new Set(rawField.kinds)];
          const allowed = new Set<PartyPart>([...(kinds.includes('person') ? personParts : []), ...(kinds.includes('organisation') ? organisationParts : [])]);
          for (const part of rawField.parts)
            if (!allowed.has(part)) report(lineAt([...path, 'parts']), `${fw}.parts: "${part}" is not a part of a ${kinds.join(' or ')}`);
          if (!rawField.parts.includes('name')) report(lineAt([...path, 'parts']), `${fw}.parts must include name`);
          if (rawField.idcard && !kinds.includes('person')) report(lineAt([...path, 'idcard']), `${fw}: only a person can be read from the ID card`);
          field = { ...base, type: 'party', kinds, idcard: rawField.idcard, requiredParts: rawField.parts };
          break;
        }
        case 'text':
          field = { ...base, type: 'text', multiline: rawField.multiline, maxLength: rawField.maxLength };
          break;
        case 'amount':
          if (rawField.min >= rawField.max) report(fieldLine, `${fw}: min must be below max`);
          field = { ...base, type: 'amount', min: rawField.min, max: rawField.max };
          break;
        case 'date':
          field = { ...base, type: 'date', past: rawField.past };
          break;
        case 'choice': {
          const values = new Set<string>();
          rawField.options.forEach((o, i) => {
            if (values.has(o.value)) report(lineAt([...path, 'options', i]), `${fw}: option value "${o.value}" is used twice`);
            values.add(o.value);
            checkText(o.label, lineAt([...path, 'options', i]), `${fw}.options[${String(i)}].label`, documentTextLimits.optionLabel);
          });
          field = { ...base, type: 'choice', options: rawField.options };
          break;
        }
      }
      seenIds.set(field.id, field);
      fields.push(field);
    });
    sections.push({
      heading: rawSection.heading,
      source: sectionSource ?? { kind: 'model', id: '', text: '' },
      statement: rawSection.statement ?? null,
      fields,
      line,
    });
  });

  const addressee = seenIds.get(raw.addresseeField);
  if (!addressee) report(lineAt(['addresseeField']), `addresseeField: no field "${raw.addresseeField}"`);
  else if (addressee.type !== 'text' || !addressee.required)
    report(lineAt(['addresseeField']), `addresseeField: "${raw.addresseeField}" must be a required text field`);
  const expected = file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  if (expected !== raw.id) report(lineAt(['id']), `id "${raw.id}" must match the file name "${expected}"`);

  if (problems.length > 0) return { documentType: null, problems };
  return {
    documentType: {
      id: raw.id,
      title: raw.title,
      subtitle: raw.subtitle ?? null,
      name: raw.name,
      summary: raw.summary,
      addressee: raw.addressee,
      keywords: raw.keywords,
      offeredBy: raw.offeredBy,
      models: Object.entries(raw.models).map(([id, t]) => ({ id, text: t, line: lineAt(['models', id]) })),
      cites,
      sections,
      addresseeField: raw.addresseeField,
      file,
    },
    problems,
  };
}

/** A `when` may name only earlier choice fields and compare them with their option values. */
function checkWhen(source: string, line: number, where: string, earlier: Map<string, DocumentField>, report: (line: number, message: string) => void): void {
  let expr;
  try {
    expr = parseExpression(source);
  } catch (error) {
    report(line, `${where}.when: ${error instanceof ExpressionError ? error.message : String(error)}`);
    return;
  }
  const resolve: NameResolver = (scope, name) => {
    if (scope !== 'bare') return { error: `${scope}.${name} cannot be used in a document` };
    const field = earlier.get(name);
    if (!field) return { error: `"${name}" is not an earlier field` };
    if (field.type === 'choice') return { type: 'string', options: field.options.map((o) => o.value), stepId: name };
    if (field.type === 'amount') return { type: 'number', stepId: name };
    return { error: `"${name}" is a ${field.type} field; conditions may use choice and amount fields` };
  };
  for (const message of checkExpression(expr, resolve, 'boolean').errors) report(line, `${where}.when: ${message}`);
}
