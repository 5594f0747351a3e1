import { activitiesApi, paymentsApi, type ActivityDraftBody } from '@gongzhi/shared';
import { api } from './index';

export const listActivities = (price: 'all' | 'free' | 'paid' = 'all') => api.call(activitiesApi.list, { query: { price } });
export const myActivities = () => api.call(activitiesApi.mine);
export const managedActivities = () => api.call(activitiesApi.managed);
export const getActivity = (id: string) => api.call(activitiesApi.detail, { params: { id } });
export const createActivity = (body: ActivityDraftBody) => api.call(activitiesApi.create, { body });
export const publishActivity = (id: string) => api.call(activitiesApi.publish, { params: { id } });
export const cancelActivity = (id: string, reason: string) => api.call(activitiesApi.cancel, { params: { id }, body: { reason } });
export const registerForActivity = (id: string) => api.call(activitiesApi.register, { params: { id } });
export const payForActivity = (id: string) => api.call(activitiesApi.pay, { params: { id } });
export const withdrawFromActivity = (id: string) => api.call(activitiesApi.withdraw, { params: { id } });
export const activityRoster = (id: string) => api.call(activitiesApi.roster, { params: { id } });
export const activityQr = (id: string) => api.call(activitiesApi.qr, { params: { id } });
export const checkInToActivity = (id: string, token: string) => api.call(activitiesApi.checkIn, { params: { id }, body: { token } });
export const paymentReconciliation = (date: string) => api.call(paymentsApi.reconciliation, { query: { date } });
