/**
 * What a resident downloads: the H5 pages' transfer size with gzip (cold cache, phone size, real
 * Chromium through the H5 server), and the weapp main package WeChat fetches before the first page.
 * Keys: h5_home_kb_gzip, h5_complaint_form_kb_gzip, weapp_main_kb (goal ≤ 1,000; issue 11).
 * Builds both targets first, so the figures are of the code as it is.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startStack } from '../dev/stack';
import { launchChromium } from '../../miniapp/e2e/h5/browser';
import { mainPackageFiles } from '../../miniapp/e2e/weapp/dist';
import { recordResults } from './results';

const MINIAPP = path.resolve(__dirname, '..', '..', 'miniapp');
const PAGES = { home: 'pages/index/index', complaintForm: 'packages/complaints/new/index' } as const;

/** Same-origin scripts, styles, fonts and images a cold load of the page fetched, summed as gzip would send them. */
async function pageTransfer(h5Url: string, page: string): Promise<{ gzip: number; brotli: number; files: number }> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const tab = await context.newPage();
    await tab.goto(`${h5Url}/#/${page}`, { waitUntil: 'networkidle' });
    const urls = await tab.evaluate(() => [location.href.split('#')[0]!, ...performance.getEntriesByType('resource').map((e) => e.name)]);
    const assets = [...new Set(urls)].filter((u) => u.startsWith(h5Url) && !new URL(u).pathname.startsWith('/api/'));
    let gzip = 0;
    let brotli = 0;
    for (const url of assets) {
      for (const encoding of ['gzip', 'br'] as const) {
        const res = await fetch(url, { headers: { 'accept-encoding': encoding } });
        const bytes = Number(res.headers.get('content-length') ?? (await res.arrayBuffer()).byteLength);
        if (encoding === 'gzip') gzip += bytes;
        else brotli += bytes;
      }
    }
    return { gzip, brotli, files: assets.length };
  } finally {
    await browser.close();
  }
}

export async function benchDownloadSizes(): Promise<void> {
  for (const type of ['h5', 'weapp']) execFileSync('pnpm', ['exec', 'taro', 'build', '--type', type], { cwd: MINIAPP, stdio: 'ignore' });
  const stack = await startStack({ ephemeral: true, databaseName: 'bench_h5', h5Dir: path.join(MINIAPP, 'dist', 'h5'), env: { ...process.env, GONGZHI_LOG_LEVEL: 'silent' } });
  try {
    const home = await pageTransfer(stack.h5Url!, PAGES.home);
    const form = await pageTransfer(stack.h5Url!, PAGES.complaintForm);
    const weappMain = mainPackageFiles(path.join(MINIAPP, 'dist', 'weapp')).reduce((sum, f) => sum + f.bytes, 0);
    const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
    console.log(`H5 home          ${kb(home.gzip)} KB gzip (${kb(home.brotli)} KB brotli), ${home.files} files`);
    console.log(`H5 我要反映       ${kb(form.gzip)} KB gzip (${kb(form.brotli)} KB brotli), ${form.files} files`);
    console.log(`weapp main package ${kb(weappMain)} KB (goal ≤ 1,000)`);
    recordResults({ h5_home_kb_gzip: kb(home.gzip), h5_complaint_form_kb_gzip: kb(form.gzip), weapp_main_kb: kb(weappMain) });
  } finally {
    await stack.close();
  }
}
