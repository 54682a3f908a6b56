import type { ScreenLayout } from '../../components/ui/Screen';

/** The frame of every 办事指南 screen: the reading width, a little closer to the top bar. */
export const guidesLayout: ScreenLayout = { top: 'tight' };
