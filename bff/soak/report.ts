import type { RequestRecord } from './client';

export interface FaultWindow {
  name: string;
  start: number;
  end: number;
}

/** Requests that began or ended this close to a fault window count as inside it. */
export const GRACE_MS = 2_000;

export const isError = (r: RequestRecord) => !r.expected && (r.status === 0 || r.status >= 400);

export function outsideFaults(r: RequestRecord, windows: FaultWindow[]): boolean {
  return windows.every((w) => r.end < w.start - GRACE_MS || r.start > w.end + GRACE_MS);
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/** One line per route: requests, 2xx, errors (all, and outside the fault windows), p50 and p99. */
export function routeTable(log: RequestRecord[], windows: FaultWindow[]): string {
  const routes = new Map<string, RequestRecord[]>();
  for (const r of log) routes.set(r.route, [...(routes.get(r.route) ?? []), r]);
  const rows = [['route', 'requests', '2xx', 'errors', 'outside faults', 'p50 ms', 'p99 ms']];
  for (const [route, rs] of [...routes].sort((a, b) => b[1].length - a[1].length)) {
    const ms = rs.map((r) => r.end - r.start).sort((a, b) => a - b);
    rows.push([
      route, String(rs.length), String(rs.filter((r) => r.status >= 200 && r.status < 300).length), String(rs.filter(isError).length),
      String(rs.filter((r) => isError(r) && outsideFaults(r, windows)).length), String(percentile(ms, 0.5)), String(percentile(ms, 0.99)),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

/** Errors outside the fault windows, by route and status, so that each can be looked into. */
export function errorsOutside(log: RequestRecord[], windows: FaultWindow[], t0: number): string[] {
  return log.filter((r) => isError(r) && outsideFaults(r, windows)).map((r) => `  ${((r.start - t0) / 1000).toFixed(1)} s  bff${r.target}  ${r.route}  → ${r.status} ${r.code ?? ''}`);
}

/** Every non-2xx answer by route, status and error code, faults or not. */
export function answerCounts(log: RequestRecord[]): string[] {
  const counts = new Map<string, number>();
  for (const r of log.filter((x) => x.status < 200 || x.status >= 300)) {
    const key = `${r.route} → ${r.status} ${r.code ?? ''}${r.expected ? ' (expected)' : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([key, n]) => `  ${String(n).padStart(5)}  ${key}`);
}
