/**
 * The floors of the program (ARCHITECTURE.md): web/, server/ and data/ stand on domain/; server/ never reads
 * data/, and neither data/ nor web/ reads server/; domain/ imports none of them; no module imports itself
 * back through a cycle.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const floors = ['domain', 'data', 'server', 'web'] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** Relative imports of a file (static, dynamic and re-exports), resolved to repository paths. */
function importsOf(file: string, text = readFileSync(join(root, file), 'utf8')): string[] {
  const code = text.replace(/^\s*(\/\/|\*|\/\*\*).*$/gm, '');
  const specs = [...code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"?]+)/g)].map((m) => m[1]!);
  return specs.map((s) => relative(root, resolve(root, dirname(file), s)));
}

const files = floors.flatMap(sourceFiles);
const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => t.endsWith('.ts'))]));

describe('floors', () => {
  const forbidden: Record<(typeof floors)[number], string[]> = { domain: ['data', 'server', 'web'], data: ['server', 'web'], server: ['data', 'web'], web: ['data', 'server'] };
  for (const floor of floors) {
    it(`${floor}/ imports nothing from ${forbidden[floor].join(', ')}`, () => {
      const bad = [...graph]
        .filter(([f]) => f.startsWith(`${floor}/`))
        .flatMap(([f, ts]) => ts.filter((t) => forbidden[floor].some((x) => t.startsWith(`${x}/`))).map((t) => `${f} → ${t}`));
      expect(bad).toEqual([]);
    });
  }

  it('finds a forbidden import when there is one', () => {
    expect(importsOf('server/x.ts', "import { a } from '../data/build.ts';")).toEqual(['data/build.ts']);
  });
});

describe('import cycles', () => {
  /** Every cycle in the graph, as the list of files around it (Tarjan's strongly connected components). */
  function cycles(g: Map<string, string[]>): string[][] {
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const found: string[][] = [];
    const visit = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of g.get(v) ?? []) {
        if (!g.has(w)) continue;
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || g.get(v)?.includes(v)) found.push(comp.sort());
      }
    };
    for (const v of g.keys()) if (!idx.has(v)) visit(v);
    return found;
  }

  it('has none', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds one when there is one', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b']]);
  });
});
