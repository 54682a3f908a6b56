import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPaths } from './app-paths';

describe('resolveAppPaths', () => {
  it('finds preload, renderer and default content from the source tree', () => {
    const repo = path.resolve('/src/fatong');
    const paths = resolveAppPaths({ bundleDir: path.join(repo, 'dist', 'electron'), isPackaged: false, resourcesPath: '/unused' });
    expect(paths).toEqual({
      preload: path.join(repo, 'dist', 'electron', 'preload.cjs'),
      rendererDir: path.join(repo, 'dist', 'renderer'),
      contentDir: path.join(repo, 'kiosk-content', 'default'),
    });
  });

  it('takes the default content from resources when packaged (electron-builder extraResources)', () => {
    const resources = path.resolve('/opt/Fatong/resources');
    const paths = resolveAppPaths({ bundleDir: path.join(resources, 'app.asar', 'dist', 'electron'), isPackaged: true, resourcesPath: resources });
    expect(paths.contentDir).toBe(path.join(resources, 'kiosk-content', 'default'));
    expect(paths.rendererDir).toBe(path.join(resources, 'app.asar', 'dist', 'renderer'));
    expect(paths.preload).toBe(path.join(resources, 'app.asar', 'dist', 'electron', 'preload.cjs'));
  });
});
