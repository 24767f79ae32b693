import { api } from '../../api.ts';
import { label, t } from '../../i18n.ts';
import { displayName, displayPrefName, displayRegionName } from '../../names.ts';
import { html, setHtml } from '../../ui/html.ts';
import type { RegionsState } from './state.ts';

/** The selected municipality's regions of every type, with links. */
export async function renderSelection(s: RegionsState): Promise<void> {
  const { ctx, panel } = s;
  const box = panel.querySelector<HTMLElement>('#rsel')!;
  const code = s.selected;
  const m = code ? ctx.munis.get(code) : undefined;
  if (!m) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const head = html`<b>${displayName(m)}</b> <small>${displayPrefName(m)}</small> — ${t('所属する圏域を強調表示', 'its regions are highlighted')}`;
  setHtml(box, head);
  try {
    const d = await api('/api/municipalities/:code', { code: m.code });
    if (!s.alive || s.selected !== m.code) return;
    const regions = d.regions;
    setHtml(
      box,
      html`${head}${
        regions.length
          ? html`<ul data-testid="selected-regions">${regions.map((r) => html`<li><button type="button" data-goto="${r.id}" data-type="${r.type}">${displayRegionName(r)}</button> <small>${label('regionType', r.type)}${r.role === 'center' ? ` · ${t('中心市', 'centre')}` : ''}</small></li>`)}</ul>`
          : html`<div class="sub">${t('圏域に属していません。', 'Not in any known region.')}</div>`
      }`,
    );
  } catch {
    // The detail panel shows the error; the highlight still works.
  }
}
