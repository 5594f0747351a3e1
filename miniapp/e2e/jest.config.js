/**
 * Tests of the built mini-program: the H5 build in Chromium against the real stack, and the weapp
 * build (size budget, rendering of compiled pages). Run after `taro build` (see the package's test script).
 */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': ['@swc/jest'] },
  testMatch: ['<rootDir>/**/*.e2e.test.ts'],
  testTimeout: 60000,
  maxWorkers: 1,
};
