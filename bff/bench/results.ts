import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const FILE = path.resolve(__dirname, '..', '..', 'bench-results.json');

/** Adds figures to bench-results.json at the repo root (flat name → number, or a label such as db_engine), keeping the others. */
export function recordResults(figures: Record<string, number | string>): void {
  const current = existsSync(FILE) ? (JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, number | string>) : {};
  writeFileSync(FILE, JSON.stringify({ ...current, ...figures }, null, 2) + '\n');
}
