/** The presentation's keys: →, Space and PageDown forward; ←, PageUp back; Home, End; B (or .) blacks the screen; Esc leaves. */

/** What the keys do. */
export interface StepActions {
  next(): void;
  previous(): void;
  first(): void;
  last(): void;
  /** Toggles a black screen, as slide tools do on B. */
  black(): void;
  leave(): void;
}

/**
 * The action of a key press, or null when the presentation leaves it alone (modifiers, typing in a field,
 * Space on a button, any other key).
 * @example stepKeyAction(new KeyboardEvent('keydown', { key: 'End' }), actions) === actions.last
 */
export function stepKeyAction(e: KeyboardEvent, actions: StepActions): (() => void) | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  const target = e.target as HTMLElement | null;
  if (target?.closest?.('input, select, textarea')) return null;
  const byKey: Record<string, () => void> = {
    ArrowRight: actions.next,
    ' ': actions.next,
    PageDown: actions.next,
    ArrowLeft: actions.previous,
    PageUp: actions.previous,
    Home: actions.first,
    End: actions.last,
    Escape: actions.leave,
    b: actions.black,
    B: actions.black,
    '.': actions.black,
  };
  const action = byKey[e.key];
  if (!action || (e.key === ' ' && target?.closest?.('button'))) return null;
  return action;
}
