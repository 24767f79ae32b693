import { describe, expect, it } from 'vitest';
import { type StepActions, stepKeyAction } from './keys.ts';

const actions: StepActions = { next() {}, previous() {}, first() {}, last() {}, black() {}, leave() {} };
/** A key press on an element that is (or sits in) `inside`, as far as `closest` can tell. */
const press = (key: string, options: { inside?: string; ctrlKey?: boolean } = {}) =>
  ({
    key,
    ctrlKey: options.ctrlKey ?? false,
    altKey: false,
    metaKey: false,
    target: { closest: (sel: string) => (options.inside && sel.includes(options.inside) ? {} : null) },
  }) as unknown as KeyboardEvent;

describe('presentation keys', () => {
  it('steps forward, back, to either end and out', () => {
    expect(stepKeyAction(press('ArrowRight'), actions)).toBe(actions.next);
    expect(stepKeyAction(press(' '), actions)).toBe(actions.next);
    expect(stepKeyAction(press('PageDown'), actions)).toBe(actions.next);
    expect(stepKeyAction(press('ArrowLeft'), actions)).toBe(actions.previous);
    expect(stepKeyAction(press('PageUp'), actions)).toBe(actions.previous);
    expect(stepKeyAction(press('Home'), actions)).toBe(actions.first);
    expect(stepKeyAction(press('End'), actions)).toBe(actions.last);
    expect(stepKeyAction(press('Escape'), actions)).toBe(actions.leave);
    expect(stepKeyAction(press('b'), actions)).toBe(actions.black);
    expect(stepKeyAction(press('B'), actions)).toBe(actions.black);
  });

  it('leaves other keys, modified keys, typing in fields and Space on a button alone', () => {
    expect(stepKeyAction(press('a'), actions)).toBeNull();
    expect(stepKeyAction(press('b', { inside: 'input' }), actions)).toBeNull();
    expect(stepKeyAction(press('ArrowRight', { ctrlKey: true }), actions)).toBeNull();
    expect(stepKeyAction(press('ArrowLeft', { inside: 'input' }), actions)).toBeNull();
    expect(stepKeyAction(press(' ', { inside: 'button' }), actions)).toBeNull();
    expect(stepKeyAction(press('ArrowRight', { inside: 'button' }), actions)).toBe(actions.next);
  });
});
