import fs from 'node:fs';
import path from 'node:path';
import { WEAPP_DIST, listFiles, mainPackageFiles, readAppJson, subPackageRootOf, subPackagesOf, type AppJson } from './weapp/dist';

// WeChat's limits; DevTools warns above 1.5 MB for the main package, and the issue makes that our ceiling.
const MAIN_BUDGET = 1.5 * 1024 * 1024;
const SUBPACKAGE_LIMIT = 2 * 1024 * 1024;
const TOTAL_LIMIT = 20 * 1024 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

let app: AppJson;
let files: { file: string; bytes: number }[];

beforeAll(() => {
  app = readAppJson();
  // Every file counts, LICENSE notes included: an over-count errs on the safe side of the budget.
  files = listFiles(WEAPP_DIST).map((file) => ({ file, bytes: fs.statSync(path.join(WEAPP_DIST, file)).size }));
});

const rootOf = (file: string) => subPackageRootOf(app, file);

const sum = (list: { bytes: number }[]) => list.reduce((total, f) => total + f.bytes, 0);

describe('the weapp build', () => {
  it('when built, then app.json lists both tab pages in the main package and the account subpackage', () => {
    expect(app.pages).toEqual(expect.arrayContaining(['pages/index/index', 'pages/mine/index']));
    expect(app.tabBar?.list.map((tab) => [tab.pagePath, tab.text])).toEqual([
      ['pages/index/index', '首页'],
      ['pages/mine/index', '我的'],
    ]);
    const account = subPackagesOf(app).find((sub) => sub.root.replace(/\/$/, '') === 'packages/account');
    expect(account?.pages).toEqual(
      expect.arrayContaining(['login/index', 'real-name/index', 'privacy/index', 'delete-account/index']),
    );
    // every listed page was really emitted
    const pages = [...app.pages, ...subPackagesOf(app).flatMap((sub) => sub.pages.map((p) => `${sub.root.replace(/\/$/, '')}/${p}`))];
    for (const page of pages) {
      for (const ext of ['js', 'json', 'wxml']) expect(files.map((f) => f.file)).toContain(`${page}.${ext}`);
    }
  });

  it('when its main package is read, then it holds no zod: the forms that validate with it are all in subpackages', () => {
    // the tab pages reach shared rules only through schema-free files (shared/src/identity-rules.ts, the
    // route contracts as the build reduces them); zod in the main package was ~100 KB WeChat fetches first
    const withZod = mainPackageFiles()
      .filter(({ file }) => file.endsWith('.js'))
      .filter(({ file }) => /\bZodError\b|_zod/.test(fs.readFileSync(path.join(WEAPP_DIST, file), 'utf8')))
      .map(({ file }) => file);
    expect(withZod).toEqual([]);
  });

  it('when its main package is summed, then it stays within 1.5 MB', () => {
    const main = mainPackageFiles();
    const bytes = sum(main);
    const largest = [...main].sort((a, b) => b.bytes - a.bytes).slice(0, 5);
    console.log(
      `weapp main package: ${bytes} bytes (${kb(bytes)}) of ${kb(MAIN_BUDGET)}; largest: ` +
        largest.map((f) => `${f.file} ${kb(f.bytes)}`).join(', '),
    );
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(MAIN_BUDGET);
  });

  it('when each subpackage and the whole build are summed, then they stay within WeChat limits (2 MB, 20 MB)', () => {
    for (const sub of subPackagesOf(app)) {
      const root = sub.root.replace(/^\/|\/$/g, '');
      const bytes = sum(files.filter((f) => rootOf(f.file) === root));
      console.log(`weapp subpackage ${root}: ${bytes} bytes (${kb(bytes)})`);
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThanOrEqual(SUBPACKAGE_LIMIT);
    }
    const total = sum(files);
    console.log(`weapp total: ${total} bytes (${kb(total)})`);
    expect(total).toBeLessThanOrEqual(TOTAL_LIMIT);
  });

  it('when its code is scanned, then no plain-http URL names an outside host', () => {
    // Allowed: the loopback BFF a dev build calls, and identifiers that are names rather than requests
    // (XML namespaces, JSON Schema dialect ids that zod writes into `$schema`).
    const allowedHost = /^(127\.0\.0\.1|localhost|www\.w3\.org|json-schema\.org)$/;
    const found: string[] = [];
    const httpsHosts = new Set<string>();
    // LICENSE notes are comments, never executed; everything else that runs or renders is scanned.
    for (const { file } of files.filter((f) => /\.(js|json|wxml|wxss|wxs)$/.test(f.file))) {
      const text = fs.readFileSync(path.join(WEAPP_DIST, file), 'utf8');
      for (const [url, host] of text.matchAll(/http:\/\/([^\s"'`)<>\\/:?#]*)[^\s"'`)<>\\]*/g)) {
        // zod checks IPv6 text by parsing `http://[${value}]`: a template, not a host
        if (host === undefined || host.startsWith('[${') || host.startsWith('${')) continue;
        if (!allowedHost.test(host)) found.push(`${file}: ${url}`);
      }
      for (const [, host] of text.matchAll(/https:\/\/([a-z0-9.-]+)/gi)) if (host) httpsHosts.add(host);
    }
    console.log(`https hosts named in the weapp code (for review): ${[...httpsHosts].sort().join(', ') || 'none'}`);
    expect(found).toEqual([]);
  });
});
