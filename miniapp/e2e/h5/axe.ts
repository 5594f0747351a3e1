import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/** axe-core's own script, injected into the page under test (the library itself, not a port of its rules). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.0 and 2.1, levels A and AA: the rules issue 11 holds every page to. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeViolation {
  rule: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe over the page as it is now and returns every violation with the selectors of its nodes. */
export async function auditPage(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; html: string }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.map(String).join(' ')}  ${n.html.replace(/\s+/g, ' ').slice(0, 160)}`) }));
  }, WCAG_AA_TAGS);
}

/** A readable list for a failure message: rule, how many nodes, the first few selectors. */
export function describeViolations(where: string, violations: AxeViolation[]): string {
  return violations
    .map((v) => `${where}: ${v.rule} (${v.impact}) ×${v.nodes.length}: ${v.help}\n    ${v.nodes.slice(0, 5).join('\n    ')}`)
    .join('\n');
}

/**
 * The lowest contrast between an element's text colour and the colours of its background, including
 * every stop of a gradient: axe leaves text on gradients "to review", so primary buttons are measured here.
 */
export async function lowestTextContrast(target: Locator): Promise<number> {
  const { color, backgrounds } = await target.evaluate((el) => {
    const style = getComputedStyle(el);
    const stops = style.backgroundImage.match(/rgba?\([^)]*\)/g) ?? [];
    return { color: style.color, backgrounds: stops.length ? stops : [style.backgroundColor] };
  });
  return Math.min(...backgrounds.map((background) => contrastRatio(color, background)));
}

function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
    const channel = Number(part) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2.x contrast ratio of two opaque rgb() colours. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}
