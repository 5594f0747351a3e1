import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every TypeScript source under dir (tests included), for the checks that read the code itself. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : /\.(ts|tsx)$/.test(name) ? [file] : [];
  });
}
