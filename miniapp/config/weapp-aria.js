/**
 * Taro's mini-program templates pass through only the attributes each component declares, and
 * none of WeChat's accessibility attributes are among them. This adds them so `aria-label`,
 * `aria-role` and friends written in JSX reach screen readers on weapp too.
 */
const ARIA = {
  'aria-role': '',
  'aria-label': '',
  'aria-checked': '',
  'aria-disabled': '',
  'aria-hidden': '',
  'aria-live': '',
  'aria-level': '',
};

module.exports = (ctx) => {
  // Taro's mini platform base calls ctx.onBuildInit(platform) before compiling; its template
  // object is where component attributes are declared.
  ctx.registerMethod({
    name: 'onBuildInit',
    fn(platform) {
      const template = platform && platform.template;
      if (!template || typeof template.mergeComponents !== 'function') return;
      template.mergeComponents(ctx, {
        View: ARIA,
        Text: ARIA,
        Button: ARIA,
        Input: { 'aria-label': '' },
      });
    },
  });
};
