/**
 * Builds a module-level zod schema as a call the bundler may drop when nothing uses it. The client imports the
 * constants of the record modules (kinds, metrics, parameter specs) beside their schemas; each top-level zod call
 * counts as a side effect, so without this zod (≈ 80 kB) would ship in the first page's JavaScript for nothing.
 * @example export const Health = pure(() => z.object({ status: z.literal('ok') }));
 */
/*#__NO_SIDE_EFFECTS__*/
export function pure<T>(build: () => T): T {
  return build();
}
