import type { CliCommand } from '../command';
import { infoCommand } from './info-command';

/** Every CLI command, in the order `npm run cli -- help` lists them. */
export const commands: CliCommand[] = [infoCommand];
