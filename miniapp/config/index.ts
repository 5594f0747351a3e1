import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import type { IH5Config } from '@tarojs/taro/types/compile';
import devConfig from './dev';
import prodConfig from './prod';

// Read at build time. The H5 page calls its own origin by default (the server that serves it forwards
// the API to the BFF), so one H5 build works behind any port; the weapp build needs a full BFF URL.
const apiBase = process.env.GONGZHI_API_BASE ?? (process.env.TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:3000');
// The H5 build stands in for WeChat-only calls (login code, phone number) with simulator codes.
// A production H5 desk against the real WeChat backend can turn it off with GONGZHI_WECHAT_STANDIN=0.
const wechatStandIn = process.env.GONGZHI_WECHAT_STANDIN !== '0';
// @gongzhi/shared exports TypeScript sources; Taro compiles only its source root unless told.
const sharedSources = path.resolve(__dirname, '../../shared/src');

type Chain = Parameters<NonNullable<IH5Config['webpackChain']>>[0];

/** Route contracts reach the bundles as method, path, base and access only (config/route-contract-loader.js). */
function contractsWithoutSchemas(chain: Chain): void {
  chain.module
    .rule('route-contracts')
    .test(/[\\/]shared[\\/]src[\\/][^\\/]+\.api\.ts$/)
    .enforce('pre')
    .use('route-contract-loader')
    .loader(path.resolve(__dirname, 'route-contract-loader.js'));
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'gongzhi',
    date: '2026-11-27',
    // NutUI's CSS is drawn for a 375 px design; ours for 750 (TOOLCHAIN.md).
    designWidth(input) {
      const file = typeof input === 'object' && input?.file ? input.file.replace(/\\+/g, '/') : '';
      return file.includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [path.resolve(__dirname, 'weapp-aria.js')],
    defineConstants: {
      GONGZHI_API_BASE: JSON.stringify(apiBase),
      GONGZHI_WECHAT_STANDIN: JSON.stringify(wechatStandIn),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSources] },
      webpackChain: contractsWithoutSchemas,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile: { include: [sharedSources] },
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      // styles are named after their content too, so the server may let browsers keep them (bff/dev/h5-server.ts)
      miniCssExtractPluginOption: { filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      webpackChain(chain) {
        contractsWithoutSchemas(chain);
        // Taro splits only the initial chunks: every lazily loaded page then carried its own copy of zod,
        // NutUI and our shared rules (24 of 28 chunks, 264–339 KB each). Third-party libraries used by two
        // or more pages go to three named chunks, each fetched once and cached by hash: `forms` (zod and
        // NutUI, for pages with a form), `media` (Taro's image preview and picker, for pages with photos)
        // and `lib` (the rest). Taro's lazily used components and our own sources are split by the set of
        // pages that use them, so a page fetches no code it does not run: one `ui` and one `shared` chunk
        // made the home page fetch every component of every page (home 171 → 152 KB gzip, 我要反映 264 → 257).
        chain.optimization.splitChunks({
          chunks: 'all',
          hidePathInfo: true,
          minSize: 0,
          cacheGroups: {
            default: false,
            defaultVendors: false,
            taro: { name: 'taro', test: /[\\/]node_modules[\\/]@tarojs[\\/]/, chunks: 'initial', priority: 100 },
            vendors: { name: 'vendors', test: /[\\/]node_modules[\\/]/, chunks: 'initial', priority: 10 },
            // React and the compilers' helpers are used by every page: always with the framework
            runtime: { name: 'vendors', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|@babel[\\/]runtime|@swc[\\/]helpers|tslib)[\\/]/, chunks: 'all', priority: 20 },
            // the form libraries: only pages with a form fetch zod and NutUI (route contracts reach the
            // bundles without their schemas, config/route-contract-loader.js)
            forms: { name: 'forms', test: /[\\/]node_modules[\\/](zod|@nutui)[\\/]/, chunks: 'async', minChunks: 2, priority: 7 },
            // Taro's image preview (swiper) and media picker: only pages with photos
            media: { name: 'media', test: /[\\/]node_modules[\\/](swiper|platform|is-mobile)[\\/]/, chunks: 'async', minChunks: 2, priority: 7 },
            lib: { name: 'lib', test: /^(?!.*[\\/]node_modules[\\/]@tarojs[\\/]).*[\\/]node_modules[\\/]/, chunks: 'async', minChunks: 2, priority: 5 },
            // Taro's lazily used components and our sources (components/, platform/, api/, shared/), by the pages that use them
            together: { chunks: 'async', minChunks: 2, priority: 1, reuseExistingChunk: true },
          },
        });
      },
      postcss: {
        // Taro sizes the H5 root font by the shorter side of the window, up to 40 px: a desktop then drew
        // every text twice as large as a phone (and NutUI's 375-design buttons did not follow). 24 px is
        // a large phone's (430 px: 22.9), so a desktop reads at a phone's scale and the side navigation
        // and tables use the width.
        pxtransform: { enable: true, config: { maxRootSize: 24 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
