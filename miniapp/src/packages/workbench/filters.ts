import type { QueueFilterValue, TaskFilterValue } from '../../api/staff-complaints';

export const QUEUE_FILTERS: Array<{ value: QueueFilterValue; label: string }> = [
  { value: 'intake', label: '待受理/待派单' },
  { value: 'returned', label: '被退单' },
  { value: 'overdue', label: '超时' },
  { value: 'supervised', label: '督办中' },
  { value: 'appeals', label: '申诉待裁定' },
  { value: 'callback_due', label: '待电话回访' },
];

export const TASK_FILTERS: Array<{ value: TaskFilterValue; label: string }> = [
  { value: 'to_sign', label: '待签收' },
  { value: 'in_progress', label: '办理中' },
  { value: 'overdue', label: '超时' },
  { value: 'reopened', label: '重办' },
  { value: 'resolved', label: '已办结' },
  { value: 'assisting', label: '协办' },
];
