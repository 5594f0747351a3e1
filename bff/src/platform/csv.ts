/**
 * CSV as Excel and every spreadsheet open it: UTF-8 with a byte-order mark, CRLF lines, a header row.
 * A cell that starts with = + - @ is prefixed with ' so that a spreadsheet shows it instead of
 * evaluating it as a formula (a resident's free text must not run in a staff member's Excel).
 */
export function csvCell(v: string | number): string {
  const s = typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return '\uFEFF' + [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
}
