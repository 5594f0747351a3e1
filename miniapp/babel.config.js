// Used by `taro build` only; Jest transforms with @swc/jest (jest.config.js).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
