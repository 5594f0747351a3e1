/**
 * Unit tests of the mini-program in jsdom (TOOLCHAIN.md): Taro components as their React wrappers,
 * Taro's build-time constants defined, and the ESM-only Taro/NutUI packages transformed.
 * The browser and weapp checks of the built output live in e2e/ with their own config.
 */
const esmPackages = ['@tarojs', '@stencil', 'swiper', 'tslib', '@nutui', '@swc/helpers', '@swc\\+helpers'];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/src/**/*.test.tsx'],
  setupFiles: ['<rootDir>/test/setup-env.js'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-dom.ts'],
  transform: {
    '^.+\\.(m?js|tsx?|jsx)$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } },
    ],
  },
  // pnpm nests packages (node_modules/.pnpm/<name+version>/node_modules/<name>, and Taro's own
  // bundled copies deeper still): transform anything whose path mentions one of the ESM packages.
  transformIgnorePatterns: [`^(?!.*(${esmPackages.join('|')})).*node_modules`],
  moduleNameMapper: {
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '\\.(css|less|scss)$': '<rootDir>/test/style-stub.js',
    '\\.(png|jpg)$': '<rootDir>/test/file-stub.js',
    '^lottie-react$': '<rootDir>/test/style-stub.js',
  },
  globals: {
    GONGZHI_API_BASE: 'http://bff.test',
    GONGZHI_WECHAT_STANDIN: true,
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: false,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    ENABLE_MUTATION_OBSERVER: false,
    TARO_PLATFORM: 'web',
    TARO_VERSION: '4.2.1',
    DEPRECATED_ADAPTER_COMPONENT: false,
    SUPPORT_TARO_POLYFILL: 'disabled',
  },
};
