import type { ReactNode } from 'react';
import { HomeScreen } from '../features/home/HomeScreen';
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
  // Being built: 找法律 · 问问题 (search) and 办事指南 (guides). Until then, an honest placeholder.
  search: { render: () => <PreparingScreen titleKey="home.search.title" /> },
  guides: { render: () => <PreparingScreen titleKey="home.guides.title" /> },
};

export function renderScreen(entry: ScreenEntry): ReactNode {
  const definition = screens[entry.id] as ScreenDefinition<typeof entry.id>;
  return definition.render(entry.params as never);
}
