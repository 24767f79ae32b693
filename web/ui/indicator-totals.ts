import { aggregate } from '../../domain/scoring/indicators.ts';
import { api } from '../api.ts';
import { fmtFigure, fmtInt } from '../format.ts';
import { t } from '../i18n.ts';
import { html, setHtml } from './html.ts';

/**
 * Fills `box` with the own indicators' select and the chosen one's total and mean over `codes`; leaves it empty when
 * none is saved. `preferred` is the indicator chosen first (the one Explore draws).
 */
export async function showIndicatorTotals(box: HTMLElement, codes: readonly string[], preferred: string | null): Promise<void> {
  const { items } = await api('/api/indicators');
  if (!items.length) return;
  const first = items.find((x) => x.id === preferred) ?? items[0]!;
  setHtml(
    box,
    html`<h3>${t('自分の指標（合計・平均）', 'Own indicator (total and mean)')}</h3>
    <label class="field" for="rp-ind">${t('指標', 'Indicator')}</label>
    <select id="rp-ind">${items.map((x) => html`<option value="${x.id}" ${x.id === first.id ? 'selected' : ''}>${x.name}</option>`)}</select>
    <p class="sub" data-testid="own-total" aria-live="polite"></p>`,
  );
  const out = box.querySelector<HTMLElement>('[data-testid="own-total"]')!;
  const show = async (id: string) => {
    const data = await api('/api/indicators/:id', { id });
    const a = aggregate(data.values, codes);
    setHtml(
      out,
      html`${t('合計', 'Total')} <b>${fmtFigure(a.sum, data.unit)}</b> · ${t('平均', 'Mean')} <b>${a.mean === null ? '—' : fmtFigure(a.mean, data.unit)}</b><br><small>${t(
        `${fmtInt(codes.length)}市区町村のうち値のある${fmtInt(a.count)}市区町村${a.missing.length ? `（${fmtInt(a.missing.length)}は値なしのため除外）` : ''}`,
        `${fmtInt(a.count)} of ${fmtInt(codes.length)} members have a value${a.missing.length ? ` (${fmtInt(a.missing.length)} without are left out)` : ''}`,
      )}</small>`,
    );
  };
  box.querySelector<HTMLSelectElement>('#rp-ind')!.addEventListener('change', (e) => void show((e.target as HTMLSelectElement).value));
  await show(first.id);
}
