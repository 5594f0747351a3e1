import { SUBSCRIBE_SCENES, type SubscribeTemplatesView } from '@gongzhi/shared';
import type { Types } from 'mongoose';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { createMessageCentre } from './message-centre';
import { recordAccepted, Subscriptions } from './subscriptions';
import { SUBSCRIBE_SCENE_TEMPLATES, type TemplateName } from './templates';

export function createNotificationService({ conn, config }: AppDeps) {
  // registered now, so their indexes exist before the first request
  Subscriptions(conn);
  const messages = createMessageCentre(conn);
  const ids = config.wechat.subscribeTemplates;
  const nameOf = new Map(Object.entries(ids).filter(([, id]) => id).map(([name, id]) => [id, name as TemplateName]));

  return {
    messages,

    subscribeTemplates(): SubscribeTemplatesView {
      const out = {} as SubscribeTemplatesView;
      for (const scene of SUBSCRIBE_SCENES) out[scene] = SUBSCRIBE_SCENE_TEMPLATES[scene].map((name) => ids[name]).filter(Boolean);
      return out;
    },

    /** The templates WeChat answered `accept` for, as the mini-program reports them. */
    async recordAccepted(userId: Types.ObjectId, templateIds: string[]) {
      const names = templateIds.map((id) => nameOf.get(id));
      const unknown = templateIds.filter((_, i) => !names[i]);
      if (unknown.length) throw new AppError('SUBSCRIBE_TEMPLATE_UNKNOWN', 400, { templateIds: unknown });
      const remaining = await recordAccepted(conn, userId, names as TemplateName[]);
      return { remaining: Object.fromEntries(Object.entries(remaining).map(([name, n]) => [ids[name as TemplateName], n])) };
    },
  };
}
