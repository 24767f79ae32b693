import type { View } from '../context.ts';
import { exploreView } from './explore.ts';
import { presentView } from './present.ts';
import { regionsView } from './regions.ts';

/** The atlas's views, in tab order. Each feature adds its view here. */
export const views: View[] = [exploreView, regionsView, presentView];
