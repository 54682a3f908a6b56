import type { ReactNode } from 'react';
import { ArticleScreen } from '../features/article/ArticleScreen';
import { GuidesScreen } from '../features/guides/GuidesScreen';
import { ProcedureScreen } from '../features/guides/ProcedureScreen';
import { DocumentScreen } from '../features/documents/DocumentScreen';
import { HomeScreen } from '../features/home/HomeScreen';
import { IdCardStep } from '../features/idcard/IdCardStep';
import { QaScreen } from '../features/qa/QaScreen';
import { SearchScreen } from '../features/search/SearchScreen';
import type { ScreenEntry, ScreenId, ScreenParamMap } from '../lib/navigation-stack';

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
  guides: { render: () => <GuidesScreen /> },
  // The procedure's ID-card step comes from features/idcard; features never import each other.
  procedure: { render: ({ id }) => <ProcedureScreen id={id} idCardStep={IdCardStep} /> },
  document: { render: ({ typeId }) => <DocumentScreen typeId={typeId} /> },
};

export function renderScreen(entry: ScreenEntry): ReactNode {
  const definition = screens[entry.id] as ScreenDefinition<typeof entry.id>;
  return definition.render(entry.params as never);
}
