import { readFileSync } from 'node:fs';
import type { ConfigProblem } from '../../common/config/terminal-config';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const SAVE_AS_UTF8 = 'open it in a text editor and save it as UTF-8 — 文件不是 UTF-8 编码，请把文件另存为 UTF-8 编码';

function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * A provisioning file as text, decoded strictly: UTF-8 with or without a byte-order mark. Anything
 * else (GBK/GB18030 from Notepad, UTF-16, binary) is refused with the offset of the first byte that
 * is not UTF-8 text, because a lenient decode would store U+FFFD in the site name that every screen
 * and receipt shows. NUL is refused too: UTF-16 of ASCII text is otherwise valid UTF-8.
 */
export function decodeConfigBytes(bytes: Buffer): { ok: true; text: string } | { ok: false; problems: ConfigProblem[] } {
  const refuse = (offset: number, what: string) => ({
    ok: false as const,
    problems: [
      {
        path: '(file)',
        message: `not UTF-8 text: byte ${String(offset)} (line ${String(lineAt(bytes, offset))}) ${what}; ${SAVE_AS_UTF8}（第 ${String(offset)} 字节）`,
      },
    ],
  });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return refuse(0, 'starts with a UTF-16 byte-order mark');
  const body = bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
  const start = bytes.length - body.length;
  const text = body.toString('utf8');
  // Valid UTF-8 round-trips byte for byte; the first difference is the first byte that is not UTF-8.
  const again = Buffer.from(text, 'utf8');
  let bad = -1;
  const n = Math.min(again.length, body.length);
  for (let i = 0; i < n; i++) {
    if (again[i] !== body[i]) {
      bad = i;
      break;
    }
  }
  if (bad < 0 && again.length !== body.length) bad = n;
  const nul = body.indexOf(0);
  if (nul >= 0 && (bad < 0 || nul < bad)) return refuse(start + nul, 'is a NUL byte (UTF-16 or a binary file?)');
  if (bad >= 0) return refuse(start + bad, `is 0x${(body[bad] ?? 0).toString(16).padStart(2, '0')}, which is not UTF-8 (GBK/GB18030 or UTF-16?)`);
  return { ok: true, text };
}

/** Reads a provisioning file (YAML or JSON) as strictly decoded UTF-8 text. */
export function readConfigFileText(file: string): { ok: true; text: string } | { ok: false; problems: ConfigProblem[] } {
  return decodeConfigBytes(readFileSync(file));
}
