import { describe, expect, it } from 'vitest';
import type { Story, StoryStep } from '../../../domain/records/stories.ts';
import { captureStep, checkDraft, copyOf, duplicateStep, fieldOfError, freeId, moveStep, readStoryFile, removeStep, storyToSave } from './draft.ts';

const camera = { lon: 139.6, lat: 35.6, zoom: 7, pitch: 0, bearing: 0 };

describe('capturing a step from the URL', () => {
  it("keeps the view's keys and the selection, and leaves out the app's, the language and the story's own", () => {
    const params = new URLSearchParams('view=explore&metric=density&method=jenks&classes=7&sel=13219&c=1,2,3&lang=en&story=x&step=2&edit=draft');
    const step = captureStep('explore', params, camera);
    expect(step.state).toEqual({ metric: 'density', method: 'jenks', classes: '7', sel: '13219' });
    expect(step.highlight).toEqual(['13219']);
    expect(step.view).toBe('explore');
  });

  it('brings the camera into the ranges a story allows', () => {
    const step = captureStep('regions', new URLSearchParams(), { lon: 100, lat: 50.123456, zoom: 1.5, pitch: 80, bearing: 200 });
    expect(step.camera).toEqual({ lon: 122, lat: 46, zoom: 3, pitch: 60, bearing: 180 });
  });
});

describe('editing steps', () => {
  it('moves, duplicates (a copy, not the same object) and removes', () => {
    expect(moveStep(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveStep(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveStep(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    const step = captureStep('explore', new URLSearchParams('metric=density'), camera);
    const copied = duplicateStep([step], 0);
    expect(copied).toHaveLength(2);
    expect(copied[1]).toEqual(step);
    expect(copied[1]).not.toBe(step);
    expect(removeStep(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });

  it('finds a free id', () => {
    expect(freeId('komae', new Set())).toBe('komae');
    expect(freeId('komae', new Set(['komae', 'komae-2']))).toBe('komae-3');
  });
});

describe('saving a draft', () => {
  const step = (caption: string, extra: Partial<StoryStep> = {}): StoryStep => ({
    ...captureStep('explore', new URLSearchParams('metric=density'), camera),
    caption: { ja: caption, en: '' },
    source: '国勢調査 2020',
    ...extra,
  });
  const draft = (steps: StoryStep[]): Story => ({ id: 'my-talk', title: { ja: '狛江市', en: '' }, summary: { ja: '交流', en: '' }, steps });

  it('leaves out empty optional text and fills an untranslated title with the Japanese, so the schema passes', () => {
    const saved = storyToSave(draft([step('人口密度', { title: { ja: ' ' }, annotations: [{ type: 'arrow', from: '13219', to: '15202', label: { ja: '' } }] })]));
    expect(saved.title).toEqual({ ja: '狛江市', en: '狛江市' });
    expect(saved.steps[0].caption).toEqual({ ja: '人口密度' });
    expect(saved.steps[0].title).toBeUndefined();
    expect(saved.steps[0].annotations).toEqual([{ type: 'arrow', from: '13219', to: '15202' }]);
    expect(checkDraft(saved)).toEqual([]);
  });

  it('names the field of an empty caption and of a story without steps', () => {
    expect(checkDraft(storyToSave(draft([step('a'), step(' ')])))).toEqual([{ field: 'steps.1.caption.ja', message: 'must not be empty' }]);
    expect(checkDraft(storyToSave(draft([])))[0].field).toBe('steps');
  });

  it("reads the field out of the server's messages, in either form", () => {
    expect(fieldOfError('body steps[1].annotations[0].code: 99999 is not a municipality code')).toBe('steps.1.annotations.0.code');
    expect(fieldOfError('body steps.0.camera.lat: Too big')).toBe('steps.0.camera.lat');
    expect(fieldOfError('a story with id "x" exists already')).toBeNull();
  });
});

describe('sharing', () => {
  const story: Story = {
    id: 'komae-nagaoka',
    order: 2,
    title: { ja: '狛江市と長岡市', en: 'Komae and Nagaoka' },
    summary: { ja: 's', en: 's' },
    steps: [{ ...captureStep('explore', new URLSearchParams(), camera), caption: { ja: 'c' }, source: 'x' }],
  };

  it('copies a seed story under a free id, out of the seed order', () => {
    const copy = copyOf(story, new Set(['komae-nagaoka', 'komae-nagaoka-copy']));
    expect(copy.id).toBe('komae-nagaoka-copy-2');
    expect(copy.order).toBeUndefined();
    expect(copy.title.ja).toBe('狛江市と長岡市（コピー）');
    expect(copy.steps[0]).not.toBe(story.steps[0]);
  });

  it('reads a shared file back, naming what is wrong', () => {
    expect(readStoryFile(JSON.stringify(story)).story).toEqual(story);
    expect(readStoryFile('{').problems[0].message).toMatch(/^not JSON/);
    const bad = readStoryFile(JSON.stringify({ ...story, steps: [{ ...story.steps[0], camera: { ...camera, lat: 80 } }] }));
    expect(bad.story).toBeNull();
    expect(bad.problems[0].field).toBe('steps.0.camera.lat');
  });
});
