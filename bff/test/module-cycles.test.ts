import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Rooms that don't leak: no import cycle between the BFF's modules (src/modules/<name>) and the
 * platform layer (src/platform), type-only imports included. dependency-cruiser resolves the imports
 * as TypeScript does (.dependency-cruiser.cjs); this test folds them into one edge per pair of
 * modules and looks for a cycle among those. Tests and test kits are left out: they assemble modules
 * the way app.ts does.
 */
const BFF = path.resolve(__dirname, '..');

interface Cruised {
  modules: Array<{ source: string; dependencies: Array<{ resolved: string }> }>;
}

/** 'modules/<name>' or 'platform' for a file of the BFF's source, else null. */
export function roomOf(file: string): string | null {
  const m = /^src\/(modules\/[^/]+|platform)\//.exec(file);
  return m ? m[1]! : null;
}

/** Edges between rooms, each with one import that makes it, for the message. */
export function roomEdges(cruised: Cruised): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const m of cruised.modules) {
    const from = roomOf(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = roomOf(d.resolved);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, `${m.source} → ${d.resolved}`);
    }
  }
  return edges;
}

/** Every cycle's rooms (strongly connected components of more than one room, Tarjan). */
export function cyclesOf(edges: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

function cruise(): Cruised {
  const out = execFileSync(process.execPath, [path.join(BFF, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    cwd: BFF,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString()) as Cruised;
}

describe('module cycles', () => {
  it('when two rooms import each other, then the fold finds the cycle and names an import of each edge', () => {
    const edges = roomEdges({
      modules: [
        { source: 'src/modules/a/x.ts', dependencies: [{ resolved: 'src/modules/b/y.ts' }, { resolved: 'src/modules/a/z.ts' }] },
        { source: 'src/modules/b/y.ts', dependencies: [{ resolved: 'src/platform/p.ts' }] },
        { source: 'src/platform/p.ts', dependencies: [{ resolved: 'src/modules/a/z.ts' }] },
        { source: 'src/modules/c/w.ts', dependencies: [{ resolved: 'src/platform/p.ts' }, { resolved: 'node_modules/zod/index.js' }] },
      ],
    });
    expect(cyclesOf(edges)).toEqual([['modules/a', 'modules/b', 'platform']]);
    expect(edges.get('modules/b')!.get('platform')).toBe('src/modules/b/y.ts → src/platform/p.ts');
  });

  it('when the BFF source is read, then no module and no part of the platform import each other, directly or around a ring', () => {
    const cruised = cruise();
    expect(cruised.modules.some((m) => m.source.startsWith('src/modules/complaints/'))).toBe(true);
    const edges = roomEdges(cruised);
    const explained = cyclesOf(edges).map((rooms) =>
      rooms.flatMap((from) => rooms.filter((to) => edges.get(from)?.has(to)).map((to) => edges.get(from)!.get(to)!)),
    );
    expect(explained).toEqual([]);
  }, 60_000);
});
