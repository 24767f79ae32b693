import { searchMunicipalities } from '../../domain/names/search.ts';
import type { Municipality } from '../../domain/records/municipalities.ts';
import { t } from '../i18n.ts';
import { displayName, displayPrefName, kanjiBeside } from '../names.ts';
import { html, setHtml } from './html.ts';

/** How a picked place reads in a search or picker box: name and prefecture in the UI language. */
export const pickedName = (m: Municipality): string => `${displayName(m)}（${displayPrefName(m)}）`;

/**
 * A municipality search box (the top bar's, and every picker's): one search for all of them (domain/names/search.ts:
 * kanji with ヶ/ケ and old forms folded, kana, romaji, codes). Type, ↑/↓ to move, Enter to pick, Esc to close.
 */
export function installSearch(input: HTMLInputElement, listEl: HTMLUListElement, munis: Municipality[], onPick: (m: Municipality) => void): void {
  let results: Municipality[] = [];
  let active = -1;
  if (!input.placeholder) input.placeholder = t('市区町村を検索（漢字・かな・ローマ字）', 'Search municipalities (name, kana or romaji)');
  if (!input.labels?.length && !input.hasAttribute('aria-label')) input.setAttribute('aria-label', input.placeholder);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', listEl.id);
  input.setAttribute('aria-expanded', 'false');
  const render = () => {
    listEl.hidden = results.length === 0;
    input.setAttribute('aria-expanded', String(!listEl.hidden));
    setHtml(
      listEl,
      html`${results.map(
        (m, i) =>
          html`<li role="option" id="${listEl.id}-${m.code}" data-code="${m.code}" aria-selected="${String(i === active)}"><span>${displayName(m)} <small>${kanjiBeside(m) || m.nameKana || ''}</small></span><small>${displayPrefName(m)}</small></li>`,
      )}`,
    );
    if (results[active]) input.setAttribute('aria-activedescendant', `${listEl.id}-${results[active].code}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const pick = (m: Municipality | undefined) => {
    if (!m) return;
    input.value = pickedName(m);
    results = [];
    active = -1;
    render();
    onPick(m);
  };
  input.addEventListener('input', () => {
    results = searchMunicipalities(munis, input.value, 8);
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
