import type { CliCommand } from '../command';
import { contentCommands } from './content-command';
import { idcardReadCommand } from './idcard-read-command';
import { idcardSimCommand } from './idcard-sim-command';
import { importLawsCommand } from './import-laws-command';
import { infoCommand } from './info-command';
import { monitoringCommand } from './monitoring-command';
import { printTestCommand } from './print-test-command';
import { printerSimCommand } from './printer-sim-command';
import { configShowCommand, provisionCommand } from './provision-command';
import { devicesCommand } from './devices-command';
import { documentCommands } from './document-command';
import { selftestCommand } from './selftest-command';
import { searchCommand } from './search-command';
import { statsCommand } from './stats-command';

/** Every CLI command, in the order `npm run cli -- help` lists them. */
export const commands: CliCommand[] = [
  infoCommand,
  importLawsCommand,
  searchCommand,
  ...contentCommands,
  idcardSimCommand,
  idcardReadCommand,
  printerSimCommand,
  printTestCommand,
  provisionCommand,
  configShowCommand,
  devicesCommand,
  selftestCommand,
  monitoringCommand,
  statsCommand,
  ...documentCommands,
];
