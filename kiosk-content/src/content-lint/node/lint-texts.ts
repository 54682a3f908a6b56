import type { ContentProblem, Procedure } from '../../procedures/common/procedure-types';
import type { QaEntry } from '../../qa/common/qa-types';
import { forumsSentTo, plainLanguageProblems, SENDING_PATTERNS, statesTimeLimit } from '../common/text-rules';

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
}
