import type { View } from '../context.ts';
import { disasterView } from './disaster.ts';
import { exchangesView } from './exchanges.ts';
import { exploreView } from './explore.ts';
import { partnersView } from './partners.ts';
import { presentView } from './present.ts';
import { regionsView } from './regions.ts';

/** The atlas's views, in tab order. Each feature adds its view here. */
export const views: View[] = [exploreView, regionsView, exchangesView, disasterView, partnersView, presentView];
