import { existsSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveAppPaths } from '../../electron/main/app-paths';
import { documentFontFiles } from '../../kiosk-content/src/documents/node/render-pdf';
import { buildElectron } from '../../scripts/build/build-electron';
import { ensureRendererBuilt } from '../../scripts/build/build-renderer';
import { repoRoot } from '../../scripts/lib/repo-paths';

/**
 * electron-builder.yml, checked offline with electron-builder's own loader and schema validator
 * (app-builder-lib, the code `electron-builder` runs before packaging), and against a real build:
 * everything it packages must exist.
 */
interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: unknown[];
  extraResources?: Array<{ from: string; to: string }>;
  asarUnpack?: string[];
  publish?: unknown;
  electronFuses?: Record<string, boolean>;
  linux?: { target?: string[]; category?: string };
  win?: { target?: string[] };
}

const requireBuilder = createRequire(path.join(repoRoot, 'package.json'));
const { getConfig, validateConfiguration } = requireBuilder('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = requireBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const configFile = path.join(repoRoot, 'electron-builder.yml');

let config: BuilderConfig;

beforeAll(async () => {
  config = await getConfig(repoRoot, configFile, null);
});

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validator is real: a misspelt option fails it', async () => {
    const broken = { ...config, linux: { ...config.linux, categroy: 'Office' } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });

  it('says what the kiosk needs: id, name, targets, no publishing, native modules unpacked, fuses off', () => {
    // Parsed from the file itself too, so a package.json "build" key could not mask it.
    const raw = parse(readFileSync(configFile, 'utf8')) as BuilderConfig;
    expect(raw.files?.slice(0, 2)).toEqual(['dist/**', 'package.json']);
    // Anything else in `files` only leaves things out.
    for (const pattern of raw.files?.slice(2) ?? []) expect(String(pattern)).toMatch(/^!/);
    for (const source of [raw, config]) {
      expect(source.appId).toBe('cn.fatong.kiosk');
      expect(source.productName).toBe('Fatong');
      expect(source.publish).toBeNull();
      expect(source.linux?.target).toEqual(['deb', 'AppImage']);
      expect(source.linux?.category).toBeTruthy();
      expect(source.win?.target).toEqual(['nsis']);
      expect(source.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
      expect(source.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false });
    }
  });

  it('ships the default content where the packaged shell looks for it', () => {
    const content = config.extraResources?.find((entry) => entry.from === 'kiosk-content/default');
    expect(content).toBeDefined();
    const resources = path.resolve('/opt/Fatong/resources');
    const packaged = resolveAppPaths({ bundleDir: path.join(resources, 'app.asar', 'dist', 'electron'), isPackaged: true, resourcesPath: resources });
    expect(packaged.contentDir).toBe(path.join(resources, ...(content?.to ?? '').split('/')));
    expect(statSync(path.join(repoRoot, 'kiosk-content', 'default', 'pack.yaml')).isFile()).toBe(true);
  });

  it('ships only the Noto Sans SC weights the A4 documents embed (electron-builder’s own node_modules filter)', () => {
    // What electron-builder does for each production dependency (app-builder-lib: getNodeModuleFileMatcher,
    // then NodeModuleCopyHelper filtering every file by its path under node_modules/<name>/).
    const { getNodeModuleFileMatcher, FileMatcher } = requireBuilder('app-builder-lib/out/fileMatcher') as {
      getNodeModuleFileMatcher(
        appDir: string,
        destination: string,
        macroExpander: (s: string) => string,
        platform: object,
        packager: object,
      ): { patterns: string[] };
      FileMatcher: new (
        from: string,
        to: string,
        macroExpander: (s: string) => string,
        patterns: string[],
      ) => { createFilter(): (file: string, stat: Stats & { moduleFullFilePath?: string }) => boolean };
    };
    const expand = (s: string) => s;
    const moduleMatcher = getNodeModuleFileMatcher(repoRoot, '/app', expand, {}, { config, debugLogger: new DebugLogger(false) });
    const name = '@expo-google-fonts/noto-sans-sc';
    const packageDir = path.dirname(requireBuilder.resolve(`${name}/package.json`));
    const filter = new FileMatcher(packageDir, `/app/node_modules/${name}`, expand, moduleMatcher.patterns).createFilter();
    const shipped = (file: string): boolean => {
      // Every folder on the way must pass too (the copier does not descend into a filtered folder).
      const parts = path.relative(packageDir, file).split(path.sep);
      return parts.every((_, i) => {
        const at = path.join(packageDir, ...parts.slice(0, i + 1));
        const stat: Stats & { moduleFullFilePath?: string } = statSync(at);
        stat.moduleFullFilePath = path.posix.join('node_modules', name, ...parts.slice(0, i + 1));
        return filter(at, stat);
      });
    };
    const fonts = readdirSync(packageDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ttf'))
      .map((f) => path.join(packageDir, f));
    expect(fonts).toHaveLength(9);
    const kept = fonts.filter(shipped);
    expect(kept.sort()).toEqual(Object.values(documentFontFiles).sort());
    expect(shipped(path.join(packageDir, 'package.json'))).toBe(true);
    expect(fonts.filter((f) => !shipped(f)).length).toBe(7);
    const megabytes = (files: string[]) => files.reduce((sum, f) => sum + statSync(f).size, 0) / 1e6;
    // ~21 MB of fonts instead of ~95 MB.
    expect(megabytes(kept)).toBeLessThan(megabytes(fonts) / 4);
  });

  describe('after a build', () => {
    beforeAll(async () => {
      await ensureRendererBuilt({ quiet: true });
      await buildElectron();
    }, 180_000);

    it('has every file the package is made of', () => {
      const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string };
      // package.json "main" is what Electron starts; it must be inside the packaged files (dist/**).
      expect(pkg.main.startsWith('dist/')).toBe(true);
      const expected = [pkg.main, 'dist/electron/preload.cjs', 'dist/renderer/index.html'];
      for (const file of expected) expect(existsSync(path.join(repoRoot, file)), file).toBe(true);
      const bundleDir = path.join(repoRoot, path.dirname(pkg.main));
      const paths = resolveAppPaths({ bundleDir, isPackaged: false, resourcesPath: '' });
      expect(existsSync(paths.preload)).toBe(true);
      expect(existsSync(path.join(paths.rendererDir, 'index.html'))).toBe(true);
      expect(existsSync(path.join(paths.contentDir, 'pack.yaml'))).toBe(true);
    });
  });
});
