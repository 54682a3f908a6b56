import { terminalView, type TerminalSettings } from '../../common/config/terminal-settings';
import type { KioskApiImpl } from '../../common/contract/kiosk-api';
import { fuzzyPinyinEnabled } from '../../common/ime/fuzzy-pinyin';
import type { ContentGenerations } from './content-generations';

/** The `system` part of the KioskApi: who this terminal is and what content it shows now. */
export function systemApi(appVersion: string, terminal: TerminalSettings, generations: Pick<ContentGenerations, 'current'>): KioskApiImpl['system'] {
  return {
    getInfo: () => {
      const { content, library } = generations.current;
      return {
        appName: '法通',
        appVersion,
        siteName: terminalView(terminal).siteName,
        terminalId: terminal.terminalId,
        content: { packId: content.meta.id, version: content.meta.version, qaCount: library.qaCount, lawLibraryInstalled: library.libraryInstalled },
        hotlines: content.directory.hotlines.map(({ name, phone }) => ({ name, phone })),
        ...(terminal.idle ? { idle: terminal.idle } : {}),
        input: { fuzzyPinyin: fuzzyPinyinEnabled(terminal.fuzzyPinyin, terminal.region) },
      };
    },
  };
}
