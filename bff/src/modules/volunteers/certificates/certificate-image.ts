/** Renders the service certificate (志愿服务证明) as an SVG: no native image library needed, and <Image> shows it. */
export interface CertificateContent {
  number: string;
  issuedDate: string;
  issuer: string;
  personInCharge: string;
  contact: string;
  name: string;
  idType: string;
  idNumber: string;
  volunteerNumber: string;
  totals: { hours: number; shifts: number };
  records: Array<{ activity: string; date: string; place: string; hours: number }>;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const MAX_LINES = 12;

export function renderCertificateSvg(c: CertificateContent): string {
  const text = (x: number, y: number, s: string, size = 16, anchor = 'start') =>
    `<text x="${x}" y="${y}" font-size="${size}" text-anchor="${anchor}">${escape(s)}</text>`;
  const shown = c.records.slice(0, MAX_LINES);
  const lines = shown.map((r, i) => text(60, 330 + i * 26, `${r.date}  ${r.activity}  ${r.place}  ${r.hours}小时`, 14));
  if (c.records.length > MAX_LINES) lines.push(text(60, 330 + MAX_LINES * 26, `另有${c.records.length - MAX_LINES}条记录，以系统记录为准`, 14));
  const height = 420 + Math.min(c.records.length, MAX_LINES + 1) * 26;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="${height}" viewBox="0 0 800 ${height}" font-family="sans-serif" fill="#222">`,
    `<rect x="10" y="10" width="780" height="${height - 20}" fill="#fffdf5" stroke="#b22" stroke-width="4"/>`,
    text(400, 70, '志愿服务证明', 32, 'middle'),
    text(60, 120, `证明编号：${c.number}`),
    text(60, 150, `姓名：${c.name}    证件类型：${c.idType}    证件号码：${c.idNumber}`),
    text(60, 180, `志愿者编号：${c.volunteerNumber}`),
    text(60, 220, `累计志愿服务时长：${c.totals.hours}小时（不含往返交通时间），参加服务${c.totals.shifts}次。`),
    text(60, 300, '服务记录：'),
    ...lines,
    text(60, height - 80, `出具单位：${c.issuer}    负责人：${c.personInCharge}    联系方式：${c.contact}`),
    text(60, height - 50, `出具日期：${c.issuedDate}    可凭证明编号在线核验`),
    '</svg>',
  ].join('\n');
}
