import { Fragment, type ReactNode } from 'react';
import { useLocale, useT } from './I18nProvider';
import type { MessageKey } from './zh-cn';

/**
 * The language of the content: laws, Q&A, procedures and the office directory are written in
 * Chinese and stay Chinese when the interface is in English (there is no authoritative
 * translation of the law, and the office the resident goes to works in Chinese). Marking it lets
 * screen readers and 朗读 use a Chinese voice for it (WCAG 3.1.2, language of parts).
 */
export const CONTENT_LANG = 'zh-CN';

/** Content text inside an interface sentence or element: `<Zh>{qa.question}</Zh>`. */
export function Zh({ children }: { children: ReactNode }) {
  return <span lang={CONTENT_LANG}>{children}</span>;
}

const placeholder = /\{(\w+)\}/g;

/**
 * A message whose {placeholders} are filled with elements rather than strings, e.g.
 * `<Message id="qa.domain" values={{ domain: <Zh>{qa.domainLabel}</Zh> }} />` — so the content
 * part keeps its own language while the sentence around it is the interface's.
 */
export function Message({ id, values }: { id: MessageKey; values: Readonly<Record<string, ReactNode>> }) {
  const template = useT()(id);
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of template.matchAll(placeholder)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(template.slice(last, index));
    const name = match[1] ?? '';
    parts.push(name in values ? values[name] : match[0]);
    last = index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>{part}</Fragment>
      ))}
    </>
  );
}

/** A run of Chinese: starts and ends with a Han character, may hold digits and CJK punctuation between. */
const hanRun = /\p{Script=Han}(?:[\p{Script=Han}\d\u3000-\u303f\uff00-\uffef]*\p{Script=Han})?/gu;

/** Splits a text into plain parts and Chinese runs (pure, for tests and MarkChinese). */
export function splitChinese(text: string): Array<{ text: string; chinese: boolean }> {
  const parts: Array<{ text: string; chinese: boolean }> = [];
  let last = 0;
  for (const match of text.matchAll(hanRun)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ text: text.slice(last, index), chinese: false });
    parts.push({ text: match[0], chinese: true });
    last = index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), chinese: false });
  return parts;
}

/**
 * An interface string that quotes Chinese (「Results for “劳动合同法第47条”」, a hotline's Chinese
 * name, the keyboard's 第 and 条): on a non-Chinese screen its Chinese runs are marked as such.
 */
export function MarkChinese({ text }: { text: string }) {
  const locale = useLocale();
  if (locale === CONTENT_LANG) return <>{text}</>;
  return (
    <>
      {splitChinese(text).map((part, index) =>
        part.chinese ? (
          <span key={index} lang={CONTENT_LANG}>
            {part.text}
          </span>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
