import type { ContentProblem, Procedure, Route } from '../../procedures/common/procedure-types';
import type { QaEntry } from '../../qa/common/qa-types';
import { addressMixingProblems, forumsSentTo, plainLanguageProblems, SENDING_PATTERNS, statesTimeLimit } from '../common/text-rules';

/**
 * The text rules of content-lint/common/text-rules applied to a Q&A entry and a compiled procedure:
 * time limits never silent, plain language. Problems point at the file line of the text.
 */

function lineAt(text: string, at: number, first: number): number {
  let line = first;
  for (let i = 0; i < at && i < text.length; i++) if (text[i] === '\n') line += 1;
  return line;
}

export function lintQaTexts(entry: QaEntry, file: string, problems: ContentProblem[]): void {
  const forums = forumsSentTo(entry.answer);
  if (forums.length > 0 && (!statesTimeLimit(entry.answer) || entry.cites.length === 0)) {
    const first = Math.min(...SENDING_PATTERNS.map(({ pattern }) => pattern.exec(entry.answer)?.index ?? entry.answer.length));
    problems.push({
      file,
      line: lineAt(entry.answer, first, entry.lines.answer),
      message: `[time-limit] the answer sends the resident to ${forums.join('/')} but ${entry.cites.length === 0 ? 'cites no article' : 'states no time limit'}: say the period (「…日内」「…年」) and cite its article, or, where the law sets none, say so (「法律没有规定申请期限」「不受诉讼时效限制」)`,
    });
  }
  for (const p of plainLanguageProblems(entry.question)) problems.push({ file, line: entry.lines.id, message: `[plain-language] question: ${p.message}` });
  for (const p of plainLanguageProblems(entry.answer))
    problems.push({ file, line: lineAt(entry.answer, p.at, entry.lines.answer), message: `[plain-language] ${p.message}` });
  // The question and the answer are one conversation; the "also" wordings are residents' own words, not addressed to them.
  for (const { text, problem } of addressMixingProblems([entry.question, entry.answer]))
    problems.push({
      file,
      line: text === 0 ? entry.lines.id : lineAt(entry.answer, problem.at, entry.lines.answer),
      message: `[plain-language] ${text === 0 ? 'question: ' : ''}${problem.message}`,
    });
}

/** Every text of a procedure the resident reads, with its file line and where it sits (for messages). */
function procedureTexts(proc: Procedure): { text: string; line: number; where: string }[] {
  const out: { text: string; line: number; where: string }[] = [];
  const branches = (route: Route | null, where: string) => {
    if (route?.kind === 'branch') for (const b of route.branches) if (b.reason) out.push({ text: b.reason, line: b.line, where });
  };
  for (const id of proc.stepOrder) {
    const step = proc.steps[id];
    if (!step) continue;
    const where = `step "${id}"`;
    if ('title' in step) out.push({ text: step.title, line: step.lines.title ?? step.line, where });
    if ('help' in step && step.help) out.push({ text: step.help, line: step.lines.help ?? step.line, where });
    if (step.type === 'info') out.push({ text: step.body, line: step.lines.body ?? step.line, where });
    if (step.type === 'single' || step.type === 'multi') for (const o of step.options) out.push({ text: o.label, line: o.line, where });
    branches(step.route, where);
  }
  for (const id of proc.outcomeOrder) {
    const outcome = proc.outcomes[id];
    if (!outcome) continue;
    const where = `outcome "${id}"`;
    out.push({ text: outcome.conclusion, line: outcome.lines.conclusion ?? outcome.line, where });
    outcome.steps.forEach((t, i) => out.push({ text: t, line: outcome.itemLines.steps[i] ?? outcome.line, where }));
    outcome.materials.forEach((t, i) => out.push({ text: t, line: outcome.itemLines.materials[i] ?? outcome.line, where }));
    outcome.deadlines.forEach((d) => out.push({ text: d.text, line: d.line, where }));
  }
  return out;
}

export function lintProcedureTexts(proc: Procedure, problems: ContentProblem[]): void {
  const file = proc.file;
  for (const id of proc.outcomeOrder) {
    const outcome = proc.outcomes[id];
    if (!outcome) continue;
    const text = [outcome.conclusion, ...outcome.steps].join('\n');
    const forums = forumsSentTo(text);
    if (forums.length > 0 && outcome.deadlines.length === 0 && !statesTimeLimit(text)) {
      problems.push({
        file,
        line: outcome.line,
        message: `outcome "${id}": [time-limit] sends the resident to ${forums.join('/')} but has no deadlines: add one with its cite, or say the law sets none (「法律没有规定申请期限」)`,
      });
    }
    const texts: [string, number][] = [
      [outcome.conclusion, outcome.lines.conclusion ?? outcome.line],
      ...outcome.steps.map((s, i): [string, number] => [s, outcome.itemLines.steps[i] ?? outcome.line]),
    ];
    for (const [t, line] of texts)
      for (const p of plainLanguageProblems(t)) problems.push({ file, line, message: `outcome "${id}": [plain-language] ${p.message}` });
  }
  for (const id of proc.stepOrder) {
    const step = proc.steps[id];
    if (!step || !('title' in step)) continue;
    const own = [step.title, step.help ?? '', 'body' in step ? step.body : ''].join('\n');
    for (const p of plainLanguageProblems(own)) problems.push({ file, line: step.line, message: `step "${id}": [plain-language] ${p.message}` });
  }
  const texts = procedureTexts(proc);
  for (const { text, problem } of addressMixingProblems(texts.map((t) => t.text))) {
    const at = texts[text];
    if (at) problems.push({ file, line: at.line, message: `${at.where}: [plain-language] ${problem.message}` });
  }
}
