/**
 * The story editor's markup: the story's title and summary, the step list (reorder, duplicate, delete, preview),
 * the capture row and the form of the chosen step (caption, title, source, annotations). Every input names its
 * field (`data-field="steps.1.caption.ja"`) so that an error from the API can point at it.
 */
import { seedDocuments } from '../../../domain/citations.ts';
import { formatCitation } from '../../../domain/citations.ts';
import type { SourceList } from '../../../domain/records/municipalities.ts';
import type { Story, StoryAnnotation, StoryStep } from '../../../domain/records/stories.ts';
import { storyViews } from '../../../domain/records/stories.ts';
import type { AppContext } from '../../context.ts';
import { t } from '../../i18n.ts';
import { type Html, html } from '../../ui/html.ts';
import { thumbnailOf } from './thumbnails.ts';

/** What the form needs besides the story. */
export interface FormInput {
  ctx: AppContext;
  story: Story;
  selected: number;
  /** The id the story is stored under, or null before its first save (the id can change only until then). */
  savedId: string | null;
  /** The view the capture row shows underneath. */
  view: string;
  writable: boolean;
}

/** A view's name as its tab says it. */
export const viewName = (ctx: AppContext, id: string) => ctx.viewById(id)?.label() ?? id;

/** The sources a presenter can pick: the atlas's datasets (as "name: address") and the seed documents (by file). */
export function sourceChoices(sources: SourceList): { value: string; label: string }[] {
  return [
    ...sources.items.map((s) => ({ value: `${s.name}: ${s.url}`, label: s.name })),
    ...Object.entries(seedDocuments).map(([file, c]) => ({ value: file, label: formatCitation(c) })),
  ];
}

const place = (ctx: AppContext, code: string) => {
  const m = ctx.munis.get(code);
  return m ? `${m.code} ${m.prefName}${m.name}` : code;
};

function annotationRow(ctx: AppContext, i: number, j: number, a: StoryAnnotation): Html {
  const f = (rest: string) => `steps.${i}.annotations.${j}.${rest}`;
  const placeInput = (key: 'code' | 'from' | 'to', label: string, code: string) =>
    html`<label class="field">${label}<input type="text" list="story-places" data-field="${f(key)}" value="${code ? place(ctx, code) : ''}" placeholder="${t('市区町村名かコード', 'Name or code')}" autocomplete="off"></label>`;
  return html`<li class="story-annotation" data-annotation="${String(j)}">
    ${
      a.type === 'callout'
        ? html`<b>${t('吹き出し', 'Callout')}</b>${placeInput('code', t('場所', 'Place'), a.code)}
        <label class="field">${t('文言', 'Text')}<input type="text" maxlength="80" data-field="${f('text.ja')}" value="${a.text.ja}"></label>
        <label class="field">${t('文言（英語・任意）', 'Text in English (optional)')}<input type="text" maxlength="80" data-field="${f('text.en')}" value="${a.text.en ?? ''}"></label>`
        : html`<b>${t('矢印', 'Arrow')}</b>${placeInput('from', t('から', 'From'), a.from)}${placeInput('to', t('へ', 'To'), a.to)}
        <label class="field">${t('ラベル（任意）', 'Label (optional)')}<input type="text" maxlength="80" data-field="${f('label.ja')}" value="${a.label?.ja ?? ''}"></label>
        <label class="field">${t('ラベル（英語・任意）', 'Label in English (optional)')}<input type="text" maxlength="80" data-field="${f('label.en')}" value="${a.label?.en ?? ''}"></label>`
    }
    <button type="button" class="btn secondary" data-act="remove-annotation" data-j="${String(j)}">${t('注記を削除', 'Remove')}</button>
  </li>`;
}

function stepForm(input: FormInput, i: number, step: StoryStep): Html {
  const f = (rest: string) => `steps.${i}.${rest}`;
  return html`<fieldset class="story-step-form" data-testid="story-step-form">
    <legend>${t(`ステップ ${i + 1} の内容`, `Step ${i + 1}`)} · ${viewName(input.ctx, step.view)}</legend>
    <label class="field">${t('説明文（必須）', 'Caption (required, Japanese)')}<textarea rows="3" maxlength="400" data-field="${f('caption.ja')}" required>${step.caption.ja}</textarea></label>
    <label class="field">${t('説明文（英語・任意）', 'Caption in English (optional)')}<textarea rows="2" maxlength="400" data-field="${f('caption.en')}">${step.caption.en ?? ''}</textarea></label>
    <label class="field">${t('見出し（任意・短く）', 'Short title (optional)')}<input type="text" maxlength="60" data-field="${f('title.ja')}" value="${step.title?.ja ?? ''}"></label>
    <label class="field">${t('出典（必須）', 'Source (required)')}<input type="text" maxlength="200" data-field="${f('source')}" value="${step.source}" placeholder="${t('資料名やURL。複数は「; 」で区切る', 'Document or URL; several joined with "; "')}"></label>
    <select data-act="pick-source" aria-label="${t('出典を一覧から追加', 'Add a source from the list')}">
      <option value="">${t('一覧から出典を追加…', 'Add a source from the list…')}</option>
      ${sourceChoices(input.ctx.sources).map((c) => html`<option value="${c.value}">${c.label}</option>`)}
    </select>
    <h4>${t('注記（発表時に地図に描きます）', 'Annotations (drawn on the map when the step plays)')}</h4>
    <ul class="story-annotations">${(step.annotations ?? []).map((a, j) => annotationRow(input.ctx, i, j, a))}</ul>
    <div class="btn-row">
      <button type="button" class="btn secondary" data-act="add-callout">${t('＋吹き出し', '+ Callout')}</button>
      <button type="button" class="btn secondary" data-act="add-arrow">${t('＋矢印', '+ Arrow')}</button>
      <button type="button" class="btn secondary" data-act="recapture" title="${t('いま表示している地図でこのステップを置き換えます', 'Replace this step’s map with the view shown now')}">${t('この表示で更新', 'Use the view shown now')}</button>
    </div>
  </fieldset>`;
}

export const noCaption = () => t('（説明文なし）', '(no caption)');

function stepItem(input: FormInput, i: number, step: StoryStep, total: number): Html {
  const thumb = thumbnailOf(step);
  const n = i + 1;
  return html`<li class="${i === input.selected ? 'selected' : ''}" data-i="${String(i)}">
    <button type="button" class="story-step-pick" data-act="select" aria-current="${i === input.selected ? 'step' : 'false'}">
      ${thumb ? html`<img src="${thumb}" alt="" width="64" height="36">` : html`<span class="thumb-none" aria-hidden="true"></span>`}
      <span><b>${n}.</b> ${viewName(input.ctx, step.view)} — <span data-caption>${step.caption.ja || noCaption()}</span></span>
    </button>
    <span class="story-step-tools">
      <button type="button" data-act="up" ${i === 0 ? 'disabled' : ''} aria-label="${t(`ステップ${n}を上へ`, `Move step ${n} up`)}">↑</button>
      <button type="button" data-act="down" ${i === total - 1 ? 'disabled' : ''} aria-label="${t(`ステップ${n}を下へ`, `Move step ${n} down`)}">↓</button>
      <button type="button" data-act="duplicate" aria-label="${t(`ステップ${n}を複製`, `Duplicate step ${n}`)}">⧉</button>
      <button type="button" data-act="remove" aria-label="${t(`ステップ${n}を削除`, `Delete step ${n}`)}">✕</button>
      <button type="button" data-act="preview" aria-label="${t(`ステップ${n}から試写`, `Preview from step ${n}`)}">▶</button>
    </span>
  </li>`;
}

/** The editor's markup for `input`. */
export function editorMarkup(input: FormInput, tokenMessage: string): Html {
  const { story, selected, ctx } = input;
  const step = story.steps[selected];
  return html`
    <h2>${input.savedId ? t('ストーリーを編集', 'Edit story') : t('ストーリーを作る', 'New story')}</h2>
    ${!input.writable && html`<p class="story-msg warn" data-testid="story-token">${tokenMessage}</p>`}
    <fieldset class="story-meta">
      <label class="field">${t('題名（必須）', 'Title (required, Japanese)')}<input type="text" maxlength="120" data-field="title.ja" value="${story.title.ja}"></label>
      <label class="field">${t('題名（英語・任意）', 'Title in English (optional)')}<input type="text" maxlength="120" data-field="title.en" value="${story.title.en}"></label>
      <label class="field">${t('概要（必須）', 'Summary (required, Japanese)')}<textarea rows="2" maxlength="400" data-field="summary.ja">${story.summary.ja}</textarea></label>
      <label class="field">${t('概要（英語・任意）', 'Summary in English (optional)')}<textarea rows="2" maxlength="400" data-field="summary.en">${story.summary.en}</textarea></label>
      <label class="field">${t('ID（URLに使う英小文字・数字・ハイフン）', 'Id (lower-case letters, digits, hyphens; used in links)')}<input type="text" maxlength="40" data-field="id" value="${story.id}" ${input.savedId ? 'readonly' : ''}></label>
    </fieldset>
    <h3>${t(`ステップ（${story.steps.length}）`, `Steps (${story.steps.length})`)}</h3>
    <ol class="story-steps" data-testid="story-steps">${story.steps.map((s, i) => stepItem(input, i, s, story.steps.length))}</ol>
    <div class="story-capture">
      <label class="field">${t('地図の表示を選ぶ', 'Choose what the map shows')}
        <select data-act="view">${storyViews.map((v) => html`<option value="${v}" ${v === input.view ? 'selected' : ''}>${viewName(ctx, v)}</option>`)}</select></label>
      <button type="button" class="btn" data-act="add" data-testid="story-add">${t('この表示をステップに追加', 'Add this view as a step')}</button>
      <p class="sub">${t('下の操作や地図で表示を整え（指標・区分・選択・圏域・絞り込み・視点）、ステップに追加します。', 'Set up the view below and on the map (metric, classes, selection, region, filters, camera), then add it as a step.')}</p>
    </div>
    ${step && stepForm(input, selected, step)}
    <div class="btn-row story-actions">
      <button type="button" class="btn" data-act="save" data-testid="story-save">${t('保存', 'Save')}</button>
      <button type="button" class="btn secondary" data-act="pptx">${t('PowerPoint に書き出す', 'Export to PowerPoint')}</button>
      <button type="button" class="btn secondary" data-act="handout">${t('配布資料を印刷', 'Print handout')}</button>
      <button type="button" class="btn secondary" data-act="export-json">${t('JSONで書き出す', 'Export JSON')}</button>
      ${input.savedId && html`<button type="button" class="btn secondary danger" data-act="delete">${t('削除', 'Delete')}</button>`}
      <button type="button" class="btn secondary" data-act="close">${t('閉じる', 'Close')}</button>
    </div>
    <div class="story-msg" id="story-msg" role="status" aria-live="polite" data-testid="story-msg"></div>`;
}
