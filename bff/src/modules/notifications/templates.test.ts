import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SUBSCRIBE_SCENES } from '@gongzhi/shared';
import { loadConfig } from '../../platform/config';
import { complaintNotice, shiftNotice, starLevelNotice, SUBSCRIBE_SCENE_TEMPLATES } from './templates';

const APP_CONFIG = readFileSync(path.resolve(__dirname, '../../../../miniapp/src/app.config.ts'), 'utf8');

/** Every page app.config.ts declares, as `root/page` (read from its text: the file needs Taro to run). */
function declaredPages(): Set<string> {
  const pages = new Set<string>();
  for (const [, list] of APP_CONFIG.matchAll(/^\s*pages: \[([^\]]*)\]/gm)) for (const [, p] of list!.matchAll(/'([^']+)'/g)) pages.add(p!);
  for (const [, root, list] of APP_CONFIG.matchAll(/root: '([^']+)',\s*pages: \[([^\]]*)\]/g)) {
    for (const [, p] of list!.matchAll(/'([^']+)'/g)) pages.add(`${root}/${p}`);
  }
  return pages;
}

describe('notice templates', () => {
  it('when a notice opens a page, then that page is declared in the mini-program', () => {
    const pages = declaredPages();
    expect(pages.has('pages/mine/index')).toBe(true); // the reader itself works
    const at = new Date('2026-03-02T02:00:00Z');
    const shift = { _id: 'abc', projectTitle: '关爱独居老人', startAt: at, place: { address: '莲花街道' } };
    const notices = [
      ...(['accepted', 'dispatched', 'resolved', 'rating_reminder', 'overdue'] as const).map((k) => complaintNotice(k, { _id: 'c1', number: 'GZ1', categoryName: '路灯' }, at)),
      ...(['promoted', 'reminder_48h', 'reminder_2h'] as const).map((k) => shiftNotice(k, shift)),
      starLevelNotice(3, at),
    ];
    for (const n of notices) expect(pages).toContain(n.page.split('?')[0]);
  });

  it('when a submit tap asks for subscriptions, then it asks for 1 to 3 templates, each configured in every environment', () => {
    for (const scene of SUBSCRIBE_SCENES) {
      expect(SUBSCRIBE_SCENE_TEMPLATES[scene].length).toBeGreaterThanOrEqual(1);
      expect(SUBSCRIBE_SCENE_TEMPLATES[scene].length).toBeLessThanOrEqual(3);
    }
    const templates = loadConfig({ GONGZHI_ENV: 'development' }).wechat.subscribeTemplates;
    for (const scene of SUBSCRIBE_SCENES) for (const name of SUBSCRIBE_SCENE_TEMPLATES[scene]) expect(templates[name]).toMatch(/\S/);
  });
});
