import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { compareVersions, slotOf, type PackIndex, type PackIndexEntry, type PackSlot } from '../common/pack-manifest';
import type { ContentStore, InstallProgress, InstallResult } from './content-store';
import { STORE_FILE_MODE } from './content-store';
import { writeFileAtomic } from '../../../../native-adapters/node/atomic-file';
import type { TrustedKey } from './pack-keys';
import { downloadPack, fetchHttpIndex, folderPackFile, readFolderIndex, SourceError, type HttpOptions, type SourceConfig } from './pack-sources';
import { errorMessage } from '../../errors/common/error-message';

/**
 * One sync pass over the configured sources: read each index (HTTP: If-None-Match, so an
 * unchanged server answers 304), pick per slot the newest pack that upgrades what is active,
 * download it (resumable) and install it. The ETag is remembered only after everything from that
 * index installed, so a failed download is retried at the next poll even if the index is unchanged.
 */

export interface SyncProgress {
  phase: 'checking' | 'downloading' | InstallProgress['phase'] | 'failed' | 'up-to-date';
  source: string;
  packId: string;
  version: string;
  done: number;
  total: number;
  message: string;
}

export interface SyncSourceResult {
  source: string;
  status: 'not-modified' | 'up-to-date' | 'installed' | 'failed';
  installed: InstallResult[];
  /** One line, when failed. */
  error: string | null;
}

export interface SyncOptions {
  sources: readonly SourceConfig[];
  trustedKeys: readonly TrustedKey[];
  /** Only these pack ids (default: upgrades of what is active, and the first pack for an empty slot). */
  packIds?: readonly string[];
  http?: HttpOptions;
  onProgress?: (p: SyncProgress) => void;
}

interface SyncState {
  etags: Record<string, string>;
}

const sourceName = (s: SourceConfig): string => (s.kind === 'http' ? s.url : s.path);

/** Which index entries to install now, at most one per slot. */
export function choosePacks(index: PackIndex, store: ContentStore, packIds?: readonly string[]): PackIndexEntry[] {
  const blocked = store.blocked();
  const installedContent = store.active()?.content ?? null;
  const best = new Map<PackSlot, PackIndexEntry>();
  for (const entry of index.packs) {
    if (packIds && !packIds.includes(entry.id)) continue;
    if (blocked.some((b) => b.id === entry.id && b.version === entry.version)) continue;
    const slot = slotOf(entry.kinds);
    const active = store.activeInSlot(slot);
    let wanted: boolean;
    if (active && active.id === entry.id) wanted = compareVersions(entry.version, active.version) > 0;
    else if (slot === 'laws') wanted = active === null || packIds !== undefined;
    else wanted = installedContent === null || packIds !== undefined; // the embedded default yields to any district pack
    if (!wanted) continue;
    const current = best.get(slot);
    if (!current || (current.id === entry.id && compareVersions(entry.version, current.version) > 0)) best.set(slot, entry);
  }
  // Law library last: a content pack is small and quick; the library may take a while.
  return [best.get('content'), best.get('laws')].filter((e): e is PackIndexEntry => e !== undefined);
}

export async function syncOnce(store: ContentStore, options: SyncOptions): Promise<SyncSourceResult[]> {
  const stateFile = path.join(store.root, 'sync.json');
  const downloads = path.join(store.root, 'downloads');
  let state: SyncState = { etags: {} };
  try {
    if (existsSync(stateFile)) state = { etags: {}, ...(JSON.parse(readFileSync(stateFile, 'utf8')) as Partial<SyncState>) };
  } catch {
    state = { etags: {} };
  }
  const results: SyncSourceResult[] = [];
  for (const source of options.sources) {
    const name = sourceName(source);
    const report = (p: Omit<SyncProgress, 'source'>) => options.onProgress?.({ ...p, source: name });
    const result: SyncSourceResult = { source: name, status: 'up-to-date', installed: [], error: null };
    try {
      report({ phase: 'checking', packId: '', version: '', done: 0, total: 1, message: `checking ${name}` });
      let index: PackIndex | null;
      let etag: string | null = null;
      if (source.kind === 'http') {
        const check = await fetchHttpIndex(source.url, state.etags[source.url] ?? null, options.http);
        index = check.index;
        etag = check.etag;
      } else {
        index = await readFolderIndex(source.path);
      }
      if (index === null) {
        result.status = 'not-modified';
        report({ phase: 'up-to-date', packId: '', version: '', done: 1, total: 1, message: 'not modified' });
      } else {
        for (const entry of choosePacks(index, store, options.packIds)) {
          let file: string;
          if (source.kind === 'http') {
            report({
              phase: 'downloading',
              packId: entry.id,
              version: entry.version,
              done: 0,
              total: entry.size,
              message: `downloading ${entry.id} ${entry.version}`,
            });
            file = await downloadPack(source.url, entry, downloads, {
              ...options.http,
              onProgress: (p) =>
                report({
                  phase: 'downloading',
                  packId: entry.id,
                  version: entry.version,
                  done: p.done,
                  total: p.total,
                  message: `downloading ${entry.id} ${entry.version}`,
                }),
            });
          } else {
            file = folderPackFile(source.path, entry);
          }
          const installed = await store.install(file, {
            trustedKeys: options.trustedKeys,
            onProgress: (p) => report({ ...p, message: p.message }),
          });
          // The generation holds the files now; the downloaded archive is not needed again.
          if (source.kind === 'http') rmSync(file, { force: true });
          result.installed.push(installed);
          result.status = 'installed';
        }
        if (result.installed.length === 0) report({ phase: 'up-to-date', packId: '', version: '', done: 1, total: 1, message: 'up to date' });
        if (source.kind === 'http' && etag) {
          state.etags[source.url] = etag;
          writeFileAtomic(stateFile, JSON.stringify(state), STORE_FILE_MODE);
        }
      }
    } catch (error) {
      result.status = 'failed';
      result.error = errorMessage(error);
      report({ phase: 'failed', packId: '', version: '', done: 0, total: 0, message: result.error });
    }
    results.push(result);
  }
  return results;
}

export { SourceError };
