import type { Municipality } from '../../domain/records/municipalities.ts';
import { normaliseSearch } from '../../domain/names/search.ts';
import { t } from '../i18n.ts';
import { html, setHtml } from './html.ts';

/**
 * Ranks municipalities for a search: exact name, then name prefix, then reading prefix, then any partial
 * match in name, reading or prefecture+name; larger places first within each group.
 * @example searchMunicipalities(list, 'せたがや')[0].name // '世田谷区'
 */
export function searchMunicipalities(list: Municipality[], query: string, limit = 8): Municipality[] {
  const q = normaliseSearch(query);
  if (!q) return [];
  const scored: [number, Municipality][] = [];
  for (const m of list) {
    const kana = m.nameKana ?? '';
    let score = -1;
    if (m.name === q) score = 0;
    else if (m.name.startsWith(q)) score = 1;
    else if (kana.startsWith(q)) score = 2;
    else if (m.name.includes(q) || kana.includes(q) || (m.prefName + m.name).includes(q)) score = 3;
    if (score >= 0) scored.push([score, m]);
  }
  return scored
    .sort((a, b) => a[0] - b[0] || b[1].population - a[1].population)
    .slice(0, limit)
    .map(([, m]) => m);
}

/** The search box: type, ↑/↓ to move, Enter to fly to the place and select it, Esc to close. */
export function installSearch(input: HTMLInputElement, listEl: HTMLUListElement, munis: Municipality[], onPick: (m: Municipality) => void): void {
  let results: Municipality[] = [];
  let active = -1;
  input.placeholder = t('市区町村を検索（漢字・かな）', 'Search municipalities (kanji or kana)');
  input.setAttribute('aria-label', input.placeholder);
  const render = () => {
    listEl.hidden = results.length === 0;
    input.setAttribute('aria-expanded', String(!listEl.hidden));
    setHtml(
      listEl,
      html`${results.map(
        (m, i) =>
          html`<li role="option" id="opt-${m.code}" data-code="${m.code}" aria-selected="${String(i === active)}"><span>${m.name} <small>${m.nameKana ?? ''}</small></span><small>${m.prefName}</small></li>`,
      )}`,
    );
    if (results[active]) input.setAttribute('aria-activedescendant', `opt-${results[active].code}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const pick = (m: Municipality | undefined) => {
    if (!m) return;
    input.value = m.name;
    results = [];
    active = -1;
    render();
    onPick(m);
  };
  input.addEventListener('input', () => {
    results = searchMunicipalities(munis, input.value);
    active = results.length ? 0 : -1;
    render();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && results.length) {
      active = (active + 1) % results.length;
      render();
      e.preventDefault();
    } else if (e.key === 'ArrowUp' && results.length) {
      active = (active - 1 + results.length) % results.length;
      render();
      e.preventDefault();
    } else if (e.key === 'Enter') {
      pick(results[Math.max(0, active)]);
      e.preventDefault();
    } else if (e.key === 'Escape') {
      results = [];
      active = -1;
      render();
    }
  });
  listEl.addEventListener('mousedown', (e) => {
    const li = (e.target as HTMLElement).closest('li');
    if (li) pick(munis.find((m) => m.code === li.dataset.code));
  });
  input.addEventListener('blur', () =>
    setTimeout(() => {
      results = [];
      active = -1;
      render();
    }, 150),
  );
}
