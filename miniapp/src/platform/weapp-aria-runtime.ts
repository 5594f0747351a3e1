import { mergeInternalComponents } from '@tarojs/shared';
import ATTRIBUTES from './weapp-aria.json';

/**
 * Mirrors config/weapp-aria.js at run time. The build adds the aria attributes to the weapp
 * templates; Taro's runtime keeps its own numbered attribute list, and without the same additions
 * every attribute after them lands one slot off (a name input became a password field).
 */
if (process.env.TARO_ENV === 'weapp') {
  mergeInternalComponents(
    Object.fromEntries(
      Object.entries(ATTRIBUTES).map(([component, names]) => [component, Object.fromEntries(names.map((n) => [n, '']))]),
    ),
  );
}
