import type { ReactNode } from 'react';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/zh-cn';
import type { Remote } from '../../lib/use-remote';
import { Screen, StatusLine, type ScreenLayout } from '../ui/Screen';
import { LoadProblem } from './LoadProblem';

export interface RemoteContentProps<T> {
  /** What useRemote returned for an entry that may be missing (the host answers null). */
  state: Remote<T | null>;
  retry(): void;
  /** What to say when the host has no such entry (e.g. 'qa.notFound'). */
  notFound: MessageKey;
  /** The frame of the loading and problem screens: the same as the content's, so nothing jumps. */
  layout?: ScreenLayout;
  children(value: T): ReactNode;
}

/**
 * A screen that shows one entry from the host: 正在查询… while it loads; if the host does not
 * answer, 再试一次 / 返回 / 首页; if the entry is gone, the same without 再试一次; else the content.
 */
export function RemoteContent<T>({ state, retry, notFound, layout, children }: RemoteContentProps<T>) {
  const t = useT();
  if (state.status === 'loading') {
    return (
      <Screen {...layout}>
        <StatusLine tabIndex={-1} data-screen-heading>
          {t('common.loading')}
        </StatusLine>
      </Screen>
    );
  }
  if (state.status === 'error' || state.value === null) {
    return (
      <Screen {...layout}>
        <LoadProblem message={state.status === 'error' ? t('common.error') : t(notFound)} onRetry={state.status === 'error' ? retry : undefined} />
      </Screen>
    );
  }
  return children(state.value);
}
