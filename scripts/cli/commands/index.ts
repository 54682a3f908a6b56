import type { CliCommand } from '../command';
import { contentCommands } from './content-command';
import { importLawsCommand } from './import-laws-command';
import { infoCommand } from './info-command';
import { searchCommand } from './search-command';

/** Every CLI command, in the order `npm run cli -- help` lists them. */
export const commands: CliCommand[] = [infoCommand, importLawsCommand, searchCommand, ...contentCommands];
