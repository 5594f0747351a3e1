import { enterprisesApi, type EnterpriseBody, type ItemBody } from '@gongzhi/shared';
import { api } from './index';

export const myEnterprises = () => api.call(enterprisesApi.mine);
export const registerEnterprise = (body: EnterpriseBody) => api.call(enterprisesApi.register, { body });
export const enterpriseMatches = (id: string, kind?: 'policy' | 'financing' | 'talent') => api.call(enterprisesApi.matches, { params: { id }, query: kind ? { kind } : {} });
export const enterprisesToReview = () => api.call(enterprisesApi.review, { query: { state: 'pending' } });
export const reviewEnterprise = (id: string, decision: 'verify' | 'reject', reason: string) => api.call(enterprisesApi.decide, { params: { id }, body: { decision, reason } });
export const publishEnterpriseItem = (body: ItemBody) => api.call(enterprisesApi.publishItem, { body });
export const inviteColleague = (id: string) => api.call(enterprisesApi.invite, { params: { id } });
export const joinEnterprise = (code: string) => api.call(enterprisesApi.join, { body: { code } });
export const enterpriseMembers = (id: string) => api.call(enterprisesApi.members, { params: { id } });
export const removeEnterpriseMember = (id: string, userId: string) => api.call(enterprisesApi.removeMember, { params: { id, userId } });
