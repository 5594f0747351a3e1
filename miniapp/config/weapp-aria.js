/**
 * Taro's mini-program templates pass through only the attributes each component declares, and
 * none of WeChat's accessibility attributes are among them. This adds them so `aria-label`,
 * `aria-role` and friends written in JSX reach screen readers on weapp too.
 */
// The same list is merged at run time (src/platform/weapp-aria-runtime.ts): Taro numbers component
// attributes in both places, and they must agree or every attribute after the first added one shifts.
const ATTRIBUTES = require('../src/platform/weapp-aria.json');
const ARIA = Object.fromEntries(
  Object.entries(ATTRIBUTES).map(([component, names]) => [component, Object.fromEntries(names.map((n) => [n, '']))]),
);

module.exports = (ctx) => {
  // Taro's mini platform base calls ctx.onBuildInit(platform) before compiling; its template
  // object is where component attributes are declared.
  ctx.registerMethod({
    name: 'onBuildInit',
    fn(platform) {
      const template = platform && platform.template;
      if (!template || typeof template.mergeComponents !== 'function') return;
      template.mergeComponents(ctx, ARIA);
    },
  });
};
