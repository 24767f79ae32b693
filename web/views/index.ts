import type { AppContext, View, ViewBody } from '../context.ts';
import { t } from '../i18n.ts';
import { exploreView } from './explore.ts';

/**
 * A tab whose view is loaded on first use, with deck.gl: the first page carries only Explore, which draws with
 * MapLibre alone. Until it is loaded the view has nothing to say about the map (it is not the current view).
 */
function lazyView(id: string, label: () => string, load: () => Promise<ViewBody>): View {
  let body: ViewBody | null = null;
  return {
    id,
    label,
    async mount(ctx: AppContext, panel: HTMLElement) {
      [body] = await Promise.all([body ?? load(), ctx.atlas.loadDeck()]);
      return body.mount(ctx, panel);
    },
    unmount: (ctx) => body?.unmount(ctx),
    tooltip: (m) => body?.tooltip?.(m) ?? null,
    onMapClick: (code, event) => body?.onMapClick?.(code, event) ?? false,
    pointerTooltip: (point) => body?.pointerTooltip?.(point) ?? null,
    onSelect: (code, options) => body?.onSelect?.(code, options),
    onStateChange: (changed) => body?.onStateChange?.(changed),
  };
}

/** The atlas's views, in tab order. Each feature adds its view here. */
export const views: View[] = [
  exploreView,
  lazyView(
    'regions',
    () => t('圏域', 'Regions'),
    () => import('./regions/index.ts').then((m) => m.regionsView),
  ),
  lazyView(
    'exchanges',
    () => t('交流', 'Exchanges'),
    () => import('./exchanges.ts').then((m) => m.exchangesView),
  ),
  lazyView(
    'disaster',
    () => t('災害時応援', 'Disaster aid'),
    () => import('./disaster.ts').then((m) => m.disasterView),
  ),
  lazyView(
    'partners',
    () => t('交流相手', 'Partners'),
    () => import('./partners.ts').then((m) => m.partnersView),
  ),
  lazyView(
    'present',
    () => t('発表', 'Present'),
    () => import('./present/index.ts').then((m) => m.presentView),
  ),
];
