/**
 * @jest-environment node
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import type { RouteContract } from '@gongzhi/shared';

/**
 * The build gives the pages each route contract without its schemas (config/route-contract-loader.js).
 * These checks hold what the pages get equal to the real contracts, and hold the promise it exists for:
 * calling the BFF does not bring zod along.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { clientExports, clientModuleOf } = require('../../config/route-contract-loader.js') as {
  clientExports(file: string): Promise<{ exports: Record<string, unknown>; files: string[] }>;
  clientModuleOf(exports: Record<string, unknown>): string;
};

const SHARED = path.resolve(__dirname, '../../../shared/src');
const contractFiles = readdirSync(SHARED).filter((name) => name.endsWith('.api.ts'));
const FIELDS = ['method', 'path', 'base', 'access', 'status', 'raw'] as const;

const isRoute = (value: unknown): value is RouteContract =>
  typeof value === 'object' && value !== null && typeof (value as RouteContract).method === 'string' && typeof (value as RouteContract).path === 'string';
const facts = (route: RouteContract) => Object.fromEntries(FIELDS.filter((field) => route[field] !== undefined).map((field) => [field, route[field]]));

/** The same replacement as the webpack rule, for esbuild. */
const withoutSchemas: Plugin = {
  name: 'route-contracts',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]shared[\\/]src[\\/][^\\/]+\.api\.ts$/ }, async ({ path: file }) => {
      const { exports } = await clientExports(file);
      return { contents: clientModuleOf(exports), loader: 'js' };
    });
  },
};

describe('route contracts in the bundles', () => {
  it.each(contractFiles)('when %s is built for the pages, then every contract keeps its method, path, base and access', async (name) => {
    const real = (await import(path.join(SHARED, name))) as Record<string, unknown>;
    const { exports: built } = await clientExports(path.join(SHARED, name));
    const routes = Object.entries(real).filter(([, value]) => isRoute(value) || (typeof value === 'object' && value !== null && Object.values(value).some(isRoute)));
    expect(routes.length).toBeGreaterThan(0);
    for (const [exportName, value] of routes) {
      const expected = isRoute(value) ? facts(value) : Object.fromEntries(Object.entries(value as Record<string, RouteContract>).map(([key, route]) => [key, facts(route)]));
      expect({ [exportName]: built[exportName] }).toEqual({ [exportName]: expected });
    }
  });

  it('when the API client and the home page are bundled, then no zod module is in them', async () => {
    const result = await build({
      entryPoints: [path.join(__dirname, 'index.ts'), path.join(__dirname, '../pages/index/index.tsx')],
      bundle: true,
      write: false,
      outdir: '/tmp/gongzhi-contract-check',
      metafile: true,
      format: 'esm',
      platform: 'browser',
      plugins: [withoutSchemas],
      external: ['@tarojs/*', 'react', 'react-dom', 'react/*'],
      loader: { '.png': 'empty', '.css': 'empty' },
      define: { GONGZHI_API_BASE: '""', GONGZHI_WECHAT_STANDIN: 'true', 'process.env.TARO_ENV': '"h5"' },
      logLevel: 'silent',
    });
    const inputs = Object.values(result.metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, use]) => use.bytesInOutput > 0).map(([input]) => input));
    expect(inputs.some((input) => input.includes('shared/src/complaints.api.ts'))).toBe(true);
    expect(inputs.filter((input) => /[\\/]node_modules[\\/].*zod[\\/]/.test(input))).toEqual([]);
  });
});
