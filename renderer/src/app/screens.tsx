import type { ReactNode } from 'react';
import { ArticleScreen } from '../features/article/ArticleScreen';
import { HomeScreen } from '../features/home/HomeScreen';
import { QaScreen } from '../features/qa/QaScreen';
import { SearchScreen } from '../features/search/SearchScreen';
import type { ScreenEntry, ScreenId, ScreenParamMap } from '../lib/navigation-stack';
import { PreparingScreen } from './PreparingScreen';

/**
 * The screen registry. A feature adds itself by naming its screen id (and parameters) in
 * lib/navigation-stack.ts → ScreenParamMap and its component here; the type checker insists
 * every id has a screen. Screens render below the top bar, which always offers 首页.
 */
interface ScreenDefinition<K extends ScreenId> {
  render(params: ScreenParamMap[K]): ReactNode;
}

const screens: { readonly [K in ScreenId]: ScreenDefinition<K> } = {
  home: { render: () => <HomeScreen /> },
  search: { render: () => <SearchScreen /> },
  qa: { render: ({ id }) => <QaScreen id={id} /> },
  article: { render: ({ key }) => <ArticleScreen articleKey={key} /> },
  // Being built: 办事指南 (guides). Until then, an honest placeholder.
  guides: { render: () => <PreparingScreen titleKey="home.guides.title" /> },
};

export function renderScreen(entry: ScreenEntry): ReactNode {
  const definition = screens[entry.id] as ScreenDefinition<typeof entry.id>;
  return definition.render(entry.params as never);
}
