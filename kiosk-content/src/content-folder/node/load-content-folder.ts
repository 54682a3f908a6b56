import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { directorySchema, packMetaSchema, type Directory, type PackMeta } from '../common/pack-meta';
import { errorMessage } from '../../errors/common/error-message';

/** The embedded default content shipped inside the app. */
export const defaultContentDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../default');

export interface ContentFolder {
  /** The folder that was read (absolute). */
  dir: string;
  meta: PackMeta;
  directory: Directory;
}

export class ContentFileError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'ContentFileError';
  }
}

function readYaml<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ContentFileError(file, errorMessage(error));
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ContentFileError(file, `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function loadContentFolder(dir: string = defaultContentDir): ContentFolder {
  return {
    dir: path.resolve(dir),
    meta: readYaml(path.join(dir, 'pack.yaml'), packMetaSchema),
    directory: readYaml(path.join(dir, 'directory.yaml'), directorySchema),
  };
}
