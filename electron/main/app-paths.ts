import path from 'node:path';

export interface AppPathInputs {
  /** Folder of the running bundle (dist/electron, inside app.asar when packaged). */
  bundleDir: string;
  isPackaged: boolean;
  /** process.resourcesPath: where electron-builder puts extraResources. */
  resourcesPath: string;
}

export interface AppPaths {
  preload: string;
  rendererDir: string;
  /** The embedded default content (kiosk-content/default). */
  contentDir: string;
}

/**
 * Where the shell finds its parts, from the bundle's own location: main.mjs and preload.cjs sit
 * side by side in dist/electron, the renderer in dist/renderer. The default content is a plain
 * folder: in the source tree at kiosk-content/default, in a package an extraResource
 * (electron-builder.yml) so it stays readable outside the asar archive.
 */
export function resolveAppPaths(inputs: AppPathInputs): AppPaths {
  const contentDir = inputs.isPackaged
    ? path.join(inputs.resourcesPath, 'kiosk-content', 'default')
    : path.resolve(inputs.bundleDir, '..', '..', 'kiosk-content', 'default');
  return {
    preload: path.join(inputs.bundleDir, 'preload.cjs'),
    rendererDir: path.resolve(inputs.bundleDir, '..', 'renderer'),
    contentDir,
  };
}
