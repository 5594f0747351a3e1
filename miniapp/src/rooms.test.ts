import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sourceFiles } from '../test/source-files';

/**
 * Rooms that don't leak (issue 10): a subpackage imports only the shared rooms (components/, api/,
 * platform/), @gongzhi/shared and libraries, and its own files; never another subpackage, whose code
 * WeChat may not have downloaded yet. Pieces two subpackages need live in components/.
 */
const SRC = __dirname;
const SHARED_ROOMS = ['components', 'api', 'platform'].map((room) => path.join(SRC, room) + path.sep);

function resolved(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  return ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? base;
}

describe('mini-program rooms', () => {
  it('when a subpackage imports, then only its own files, components/, api/ and platform/', () => {
    const leaks: string[] = [];
    const packagesDir = path.join(SRC, 'packages');
    for (const pkg of readdirSync(packagesDir)) {
      const own = path.join(packagesDir, pkg) + path.sep;
      for (const file of sourceFiles(own)) {
        for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
          const target = resolved(file, spec!);
          if (!target.startsWith(own) && !SHARED_ROOMS.some((room) => target.startsWith(room))) {
            leaks.push(`${path.relative(SRC, file)} -> ${path.relative(SRC, target)}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('when a shared room imports, then never a subpackage (the main package cannot reach into one)', () => {
    const leaks = SHARED_ROOMS.flatMap((room) =>
      sourceFiles(room).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+['"](\.{1,2}\/[^'"]+)['"]/g)]
          .map(([, spec]) => resolved(file, spec!))
          .filter((target) => target.startsWith(path.join(SRC, 'packages') + path.sep))
          .map((target) => `${path.relative(SRC, file)} -> ${path.relative(SRC, target)}`),
      ),
    );
    expect(leaks).toEqual([]);
  });
});
