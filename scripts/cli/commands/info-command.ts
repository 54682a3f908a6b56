import { resolveDataDir } from '../../../electron/node/system/data-dir';
import { loadContentFolder } from '../../../kiosk-content/src/content-folder/node/load-content-folder';
import { appVersion, defaultContentDir } from '../../lib/repo-paths';
import type { CliCommand } from '../command';
import { parseCommandArgs } from '../parse';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'Show the app version, the data directory and the embedded content version',
  usage: `Usage: npm run cli -- info [--json]

Prints the app version, where this terminal keeps its data (KIOSK_DATA_DIR or the
operating system's application-data folder) and the embedded default content.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean', default: false } });
    const content = loadContentFolder(defaultContentDir);
    const info = {
      appVersion: appVersion(),
      dataDir: resolveDataDir(io.env),
      defaultContent: { id: content.meta.id, version: content.meta.version },
    };
    if (values.json) {
      io.stdout(`${JSON.stringify(info)}\n`);
    } else {
      io.stdout(
        `法通 ${info.appVersion}\n` + `data directory:  ${info.dataDir}\n` + `default content: ${info.defaultContent.id} ${info.defaultContent.version}\n`,
      );
    }
    return 0;
  },
};
