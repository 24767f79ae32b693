/**
 * "PowerPoint に書き出す": a .pptx built in the browser with pptxgenjs (loaded on first use, so it is not part of the
 * first page's JavaScript): a title slide, then one 16:9 slide per step with the map as rendered (title, legend,
 * scale bar and attribution inside the picture), the caption as editable text, the source line and speaker notes.
 * Fonts are named as PowerPoint on Windows has them (Yu Gothic for titles, Meiryo for text).
 */
import type { StoryAnswer } from '../../../domain/records/stories.ts';
import { inLang, t } from '../../i18n.ts';
import { citationLine } from '../../ui/citations.ts';
import type { StepPicture } from './capture.ts';

const titleFont = 'Yu Gothic';
const textFont = 'Meiryo';
/** LAYOUT_16x9 is 10 × 5.625 inches. */
const slideW = 10;
const picture = { x: 0.3, y: 0.2, w: 9.4, h: 3.95 };

/** The picture's box inside `picture`, keeping its aspect. */
export function fitPicture(w: number, h: number): { x: number; y: number; w: number; h: number } {
  const scale = Math.min(picture.w / w, picture.h / h);
  const fw = w * scale;
  const fh = h * scale;
  return { x: picture.x + (picture.w - fw) / 2, y: picture.y + (picture.h - fh) / 2, w: fw, h: fh };
}

/**
 * The deck as a Blob; `pictures[i]` is step i's map, `links[i]` its URL (for the speaker notes).
 * @example download('story.pptx', await buildPptx(story, pictures, links))
 */
export async function buildPptx(story: StoryAnswer, pictures: StepPicture[], links: string[]): Promise<Blob> {
  const { default: PptxGenJS } = await import('pptxgenjs');
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = inLang(story.title);
  pptx.company = t('連携アトラス', 'Renkei Atlas');

  const cover = pptx.addSlide();
  cover.background = { color: '0B1320' };
  cover.addText(story.title.ja, { x: 0.6, y: 1.2, w: slideW - 1.2, h: 1.3, fontFace: titleFont, fontSize: 32, bold: true, color: 'FFFFFF', valign: 'bottom', fit: 'shrink' });
  if (story.title.en !== story.title.ja) cover.addText(story.title.en, { x: 0.6, y: 2.55, w: slideW - 1.2, h: 0.6, fontFace: titleFont, fontSize: 18, color: 'FFD27A' });
  cover.addText(inLang(story.summary), { x: 0.6, y: 3.2, w: slideW - 1.2, h: 1.4, fontFace: textFont, fontSize: 14, color: 'D6DDE8', valign: 'top', fit: 'shrink' });
  cover.addText(`${t('連携アトラス', 'Renkei Atlas')} ・ ${new Date().toISOString().slice(0, 10)}`, {
    x: 0.6,
    y: 4.9,
    w: slideW - 1.2,
    h: 0.4,
    fontFace: textFont,
    fontSize: 11,
    color: 'AAB6C8',
  });
  cover.addNotes(`${story.summary.ja}\n${story.summary.en}`);

  story.steps.forEach((step, i) => {
    const slide = pptx.addSlide();
    const p = pictures[i];
    slide.addImage({ data: p.dataUrl, ...fitPicture(p.width, p.height), altText: `${inLang(story.title)} ${i + 1}/${story.steps.length}` });
    const caption = inLang(step.caption);
    slide.addText(caption, { x: 0.3, y: 4.2, w: 9.4, h: 0.95, fontFace: textFont, fontSize: 16, color: '1C2430', valign: 'top', fit: 'shrink', paraSpaceAfter: 2 });
    const source = `${t('出典', 'Source')}: ${citationLine(step.sources)}`;
    slide.addText(source, { x: 0.3, y: 5.15, w: 8.6, h: 0.35, fontFace: textFont, fontSize: 9, color: '4A5568', valign: 'top', fit: 'shrink' });
    slide.addText(`${i + 1} / ${story.steps.length}`, { x: 8.9, y: 5.15, w: 0.8, h: 0.35, fontFace: textFont, fontSize: 9, color: '4A5568', align: 'right' });
    const notes = [step.title ? inLang(step.title) : '', step.caption.ja, step.caption.en ?? '', source, links[i] ?? ''].filter(Boolean);
    slide.addNotes(notes.join('\n'));
  });
  return (await pptx.write({ outputType: 'blob' })) as Blob;
}
