import { groupTotals } from '../../../domain/scoring/eligibility.ts';
import { ApiClientError, api, canWrite } from '../../api.ts';
import { fmtInt, fmtValue } from '../../format.ts';
import { label, t } from '../../i18n.ts';
import { nameOfCode } from '../../names.ts';
import { html, setHtml } from '../../ui/html.ts';
import { showIndicatorTotals } from '../../ui/indicator-totals.ts';
import { commutingSection } from './commuting.ts';
import { redraw } from './layers.ts';
import { legend } from './legend.ts';
import { type RegionsState, citiesOf, groupCodes, tokenMessage } from './state.ts';

/** The what-if panel: live totals, the dissolved outline's pieces and the schemes the grouping could form. */
export function renderWhatIf(s: RegionsState): void {
  const { ctx, panel } = s;
  const box = panel.querySelector<HTMLElement>('#whatif')!;
  const codes = groupCodes(ctx);
  const toggle = panel.querySelector<HTMLButtonElement>('#whatif-toggle')!;
  toggle.textContent = s.whatIf ? t('グループ作成を終了', 'Stop building') : t('グループを作る', 'Build a grouping');
  toggle.setAttribute('aria-pressed', String(s.whatIf));
  // While building a grouping the region list steps aside, so the live totals stay in view.
  for (const el of panel.querySelectorAll<HTMLElement>('.rlist-part')) el.hidden = s.whatIf;
  panel.querySelector<HTMLButtonElement>('#lasso')!.disabled = !s.whatIf;
  const key = codes.join(',');
  if (!codes.length) s.group = null;
  else if (s.preview?.key === key) s.group = s.preview.summary;
  else {
    // Totals at once from the local boundaries; who could lead comes with the server's answer.
    s.group = { ...groupTotals(codes, citiesOf(ctx), s.topology), schemes: [] };
    void api('/api/regions/preview', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ memberCodes: codes }) })
      .then((summary) => {
        s.preview = { key, summary };
        if (s.alive && groupCodes(ctx).join(',') === key) renderWhatIf(s);
      })
      .catch(() => undefined);
  }
  redraw(s);
  legend(s);
  if (!s.whatIf && !codes.length) {
    setHtml(
      box,
      html`<p class="sub">${t('市区町村をクリック（Shift+クリックで除外）または投げ縄で囲んで、独自の圏域を試算・保存できます。', 'Click municipalities (Shift+click removes) or draw a lasso to try a grouping of your own, then save it.')}</p>`,
    );
    return;
  }
  const g = s.group;
  const name = ctx.state.get('gname') ?? '';
  const schemes = g
    ? g.schemes.map((scheme) => {
        const shown = scheme.met ? scheme.centres : scheme.needsCheck.length ? scheme.needsCheck : scheme.nearMisses;
        const names = shown
          .map((c) =>
            c
              .split('+')
              .map((x) => nameOfCode(ctx, x, x))
              .join('＋'),
          )
          .join('、');
        const mark = scheme.met
          ? html`<span class="crit-ok">✓</span>`
          : scheme.needsCheck.length
            ? html`<span class="crit-check" title="${t('要確認: データでは判定できない要件あり', 'needs a check: the data cannot decide a rule')}">?</span>`
            : scheme.nearMisses.length
              ? html`<span class="crit-near">≈</span>`
              : html`<span class="crit-no">✗</span>`;
        return html`<tr><td>${mark}</td><td>${label('eligibilityScheme', scheme.scheme)}</td><td><small>${names || '—'}</small></td></tr>`;
      })
    : '';
  setHtml(
    box,
    html`<div class="whatif-box" data-testid="whatif">
    ${s.whatIf ? html`<p class="sub">${t('地図をクリックで追加・削除、Shift+クリックで除外。「投げ縄」で範囲をドラッグして一括選択。', 'Click the map to add or remove, Shift+click to remove; “Lasso” selects everything inside a shape you drag.')}</p>` : ''}
    <label class="field" for="gname">${t('グループ名', 'Name')}</label>
    <input id="gname" type="text" maxlength="80" value="${name}" placeholder="${t('例: 〇〇広域連携案', 'e.g. Eastern valley partnership')}">
    ${
      g
        ? html`<table class="kv gap" data-testid="whatif-summary">
        <tr><th>${t('構成市町村数', 'Members')}</th><td>${fmtInt(g.memberCount)}</td></tr>
        <tr><th>${t('人口（2020年）', 'Population (2020)')}</th><td data-testid="whatif-population">${fmtValue(g.population, '人')}</td></tr>
        <tr><th>${t('面積', 'Area')}</th><td>${fmtValue(g.areaKm2, 'km²')}</td></tr>
        <tr><th>${t('範囲のまとまり', 'Outline pieces')}</th><td>${fmtInt(g.parts)}${g.parts > 1 ? html` <small>${t('（離れた部分・島を含む）', '(detached parts or islands)')}</small>` : ''}</td></tr>
      </table>
      <h4 class="sub-h">${t('中心市になれる構成市', 'Members that could lead')}</h4>
      <table class="data" data-testid="whatif-criteria"><tbody>${schemes}</tbody></table>
      ${g.commuting && html`<details class="gap" data-testid="whatif-commuting"><summary>${t('通勤圏との比較（2020年）', 'Beside the commuting area (2020)')}</summary>${commutingSection(g.commuting, ctx)}</details>`}
      <div class="whatif-members" data-testid="whatif-members">${codes.map((c) => html`<button type="button" data-remove="${c}" title="${t('除外', 'Remove')}">${nameOfCode(ctx, c, c)} ×</button>`)}</div>
      <div data-role="whatif-own"></div>`
        : html`<p class="empty">${t('まだ市区町村が選ばれていません。', 'No municipality chosen yet.')}</p>`
    }
    <div class="btn-row">
      <button type="button" class="btn" id="whatif-save" ${codes.length ? '' : 'disabled'}>${t('保存', 'Save')}</button>
      <button type="button" class="btn secondary" id="whatif-share" ${codes.length ? '' : 'disabled'}>${t('リンクをコピー', 'Copy link')}</button>
      <button type="button" class="btn secondary" id="whatif-clear" ${codes.length ? '' : 'disabled'}>${t('クリア', 'Clear')}</button>
    </div>
    <p class="msg${canWrite() ? '' : ' warn'}" id="whatif-msg" ${canWrite() ? 'hidden' : ''}>${canWrite() ? '' : tokenMessage()}</p>
  </div>`,
  );
  const own = box.querySelector<HTMLElement>('[data-role="whatif-own"]');
  if (own) void showIndicatorTotals(own, codes, ctx.state.get('ind') ?? null).catch(() => undefined);
}

/** Saves the grouping as a custom region (needs the write token) and opens it. */
export async function saveGroup(s: RegionsState): Promise<void> {
  const { ctx, panel } = s;
  const msg = panel.querySelector<HTMLElement>('#whatif-msg')!;
  msg.hidden = false;
  const name = (panel.querySelector<HTMLInputElement>('#gname')!.value || '').trim();
  if (!canWrite()) {
    msg.className = 'msg warn';
    msg.textContent = tokenMessage();
    return;
  }
  if (!name) {
    msg.className = 'msg warn';
    msg.textContent = t('グループ名を入力してください。', 'Give the grouping a name first.');
    panel.querySelector<HTMLInputElement>('#gname')!.focus();
    return;
  }
  try {
    const saved = await api('/api/regions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'custom', name, memberCodes: groupCodes(ctx) }),
    });
    ctx.toast(t(`「${saved.name}」を保存しました`, `Saved “${saved.name}”`));
    s.whatIf = false;
    ctx.state.set({ rtype: 'custom', region: saved.id, group: null, gname: null });
  } catch (err) {
    msg.className = 'msg warn';
    msg.textContent = err instanceof ApiClientError && err.status === 401 ? tokenMessage() : (err as Error).message;
  }
}
