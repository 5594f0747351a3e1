import { aidApi, type AidCategoryBody, type AidPostBody, type AidRatingBody, type AidReportBody, type AidSuspensionBody } from '@gongzhi/shared';
import { api } from './index';

type FeedQuery = { kind?: 'ask' | 'offer'; category?: string; sort?: 'newest' | 'nearest'; lat?: number; lng?: number; cursor?: string; limit?: number };

export const listAidCategories = () => api.call(aidApi.categories);
export const aidFeed = (query: FeedQuery) => api.call(aidApi.feed, { query });
export const myAidPosts = (role: 'author' | 'helper') => api.call(aidApi.mine, { query: { role } });
export const getAidPost = (id: string) => api.call(aidApi.detail, { params: { id } });
export const createAidPost = (body: AidPostBody) => api.call(aidApi.create, { body });
export const updateAidPost = (id: string, body: AidPostBody) => api.call(aidApi.update, { params: { id }, body });
export const closeAidPost = (id: string) => api.call(aidApi.close, { params: { id } });
export const respondToAidPost = (id: string, note: string) => api.call(aidApi.respond, { params: { id }, body: { note } });
export const acceptAidResponse = (id: string, responderId: string) => api.call(aidApi.accept, { params: { id }, body: { responderId } });
export const aidMessages = (id: string) => api.call(aidApi.messages, { params: { id } });
export const sendAidMessage = (id: string, text: string, photoIds: string[] = []) => api.call(aidApi.sendMessage, { params: { id }, body: { text, photoIds } });
export const completeAidPost = (id: string, hours: number) => api.call(aidApi.complete, { params: { id }, body: { hours } });
export const confirmAidPost = (id: string, hours: number) => api.call(aidApi.confirm, { params: { id }, body: { hours } });
export const rateAidPost = (id: string, body: AidRatingBody) => api.call(aidApi.rate, { params: { id }, body });
export const reportAid = (body: AidReportBody) => api.call(aidApi.report, { body });
export const blockAidPerson = (userId: string) => api.call(aidApi.block, { body: { userId } });
export const unblockAidPerson = (id: string) => api.call(aidApi.unblock, { params: { id } });
export const myAidBlocks = () => api.call(aidApi.blocks);
export const myTimeBank = () => api.call(aidApi.timeBank);
export const aidModerationQueue = () => api.call(aidApi.moderation);
export const moderateAid = (target: 'post' | 'message', id: string, decision: 'restore' | 'remove', reason: string) =>
  api.call(aidApi.moderate, { params: { target, id }, body: { decision, reason } });
export const aidUnanswered = () => api.call(aidApi.unanswered);
export const handOverAidPost = (id: string, note: string) => api.call(aidApi.handover, { params: { id }, body: { note } });
export const aidTimeBankTotals = () => api.call(aidApi.timeBankTotals);
export const shareAidPhone = (id: string) => api.call(aidApi.sharePhone, { params: { id } });
export const withholdAidPhone = (id: string) => api.call(aidApi.withholdPhone, { params: { id } });
export const myAidCard = () => api.call(aidApi.myCard);
export const setAidNickname = (nickname: string) => api.call(aidApi.setNickname, { body: { nickname } });
export const aidReportedPeople = () => api.call(aidApi.reportedPeople);
export const aidSuspensions = () => api.call(aidApi.suspensions);
export const suspendAidPerson = (body: AidSuspensionBody) => api.call(aidApi.suspend, { body });
export const liftAidSuspension = (id: string) => api.call(aidApi.liftSuspension, { params: { id } });
export const setAidCategory = (code: string, body: AidCategoryBody) => api.call(aidApi.setCategory, { params: { code }, body });
