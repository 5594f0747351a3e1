import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PAGES } from '@gongzhi/shared';
import { sourceFiles } from '../test/source-files';

interface AppConfig {
  pages: string[];
  subPackages: Array<{ root: string; pages: string[] }>;
  tabBar: { list: Array<{ pagePath: string }> };
}

/** app.config.ts as Taro reads it (defineAppConfig is Taro's identity function at build time). */
function appConfig(): AppConfig {
  (globalThis as { defineAppConfig?: (c: AppConfig) => AppConfig }).defineAppConfig = (c) => c;
  return (jest.requireActual('./app.config') as { default: AppConfig }).default;
}

/** The mini-program's code: not its tests, and not app.config.ts, where the paths are declared. */
const sources = (dir: string) => sourceFiles(dir).filter((file) => !/\.test\.tsx?$/.test(file) && path.basename(file) !== 'app.config.ts');

describe('the shared page table', () => {
  it('when app.config.ts is read, then it declares exactly the pages of PAGES, tab pages included', () => {
    const config = appConfig();
    const declared = [...config.pages, ...config.subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))];
    expect([...declared].sort()).toEqual(Object.values(PAGES).sort());
    for (const tab of config.tabBar.list) expect(Object.values(PAGES)).toContain(tab.pagePath);
  });

  it('when the mini-program code is searched, then no page path is written by hand (pageUrl builds them from PAGES)', () => {
    const literal = /['"`]\/?(pages|packages)\/[a-z0-9-]+\/[a-z0-9-]+(\/index)?['"`?]/;
    const found = sources(__dirname).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${path.relative(__dirname, file)}:${i + 1}` }))
        .filter(({ line }) => literal.test(line) && !/^\s*(\/\/|\*|import )/.test(line)),
    );
    expect(found.map((f) => `${f.at}: ${f.line.trim()}`)).toEqual([]);
  });
});
