import { z } from 'zod';
import {
  AppealBody,
  AppealRulingBody,
  ContactBody,
  DispatchBody,
  NoteBody,
  PhoneCallbackBody,
  PublicNoteBody,
  ReasonBody,
  RejectBody,
  ResolveBody,
  SATISFACTION_LABELS,
  type ComplaintView,
} from '@gongzhi/shared';
import * as staff from '../../../api/staff-complaints';
import { fieldErrorsOf } from '../../../components/form-errors';

export type FieldValues = Record<string, string | string[] | undefined>;

export type FieldSpec = {
  name: string;
  label: string;
  /** shown beside the field when the schema refuses it */
  message: string;
  /** only asked (and sent) when this holds */
  when?: (values: FieldValues) => boolean;
} & (
  | { kind: 'text'; multiline?: boolean; placeholder?: string }
  | { kind: 'choice'; choices: Array<{ value: string; label: string }>; boolean?: true }
  | { kind: 'unit' }
  /** several units, none of them the one `excluding` names (the main unit is not also its own assistant) */
  | { kind: 'units'; excluding?: string }
  | { kind: 'photos' }
);

export interface ActionSpec {
  /** the name in allowedActions (shared/src/complaints.ts transition keys) */
  action: string;
  label: string;
  confirm: string;
  fields: FieldSpec[];
  schema: z.ZodType;
  send: (id: string, body: never) => Promise<ComplaintView>;
}

const YES_NO = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
];
const optionalNote = (label = '备注（选填）'): FieldSpec => ({ kind: 'text', name: 'note', label, message: '备注不超过500字', multiline: true });
const reached = (values: FieldValues) => values.reached === 'true';
/** Whether the note may reach the public (Open311) and followers; off unless chosen (issue 8). */
const publicNote: FieldSpec = {
  kind: 'choice',
  name: 'public',
  label: '说明是否向公众公开',
  message: '请选择是否公开',
  boolean: true,
  choices: [
    { value: 'false', label: '不公开（仅诉求人可见）' },
    { value: 'true', label: '公开（自动隐去电话、证件号等）' },
  ],
};

/** Every staff action, its form and the shared schema the BFF validates it with, in workflow order. */
export const ACTION_SPECS: ActionSpec[] = [
  { action: 'accept', label: '受理', confirm: '确认受理', fields: [optionalNote(), publicNote], schema: PublicNoteBody, send: staff.acceptComplaint },
  {
    action: 'reject',
    label: '不予受理',
    confirm: '确认不予受理',
    fields: [
      { kind: 'text', name: 'reason', label: '不予受理的原因', message: '请填写原因，2至500字', multiline: true },
      { kind: 'text', name: 'referral', label: '处理建议（告知诉求人向哪里反映，选填）', message: '处理建议不超过500字', multiline: true },
      publicNote,
    ],
    schema: RejectBody,
    send: staff.rejectComplaint,
  },
  {
    action: 'dispatch',
    label: '派单',
    confirm: '确认派单',
    fields: [
      { kind: 'unit', name: 'unitId', label: '承办单位', message: '请选择承办单位' },
      { kind: 'units', name: 'assistingUnitIds', label: '协办单位（选填，可多选）', message: '协办单位最多5个', excluding: 'unitId' },
      optionalNote('派单说明（选填）'),
      publicNote,
    ],
    schema: DispatchBody,
    send: staff.dispatchComplaint,
  },
  { action: 'sign', label: '签收', confirm: '确认签收', fields: [optionalNote(), publicNote], schema: PublicNoteBody, send: staff.signForTask },
  {
    action: 'return',
    label: '退单',
    confirm: '确认退单',
    fields: [{ kind: 'text', name: 'reason', label: '退单原因', message: '请填写退单原因，2至500字', multiline: true }],
    schema: ReasonBody,
    send: staff.returnTask,
  },
  {
    action: 'recordContact',
    label: '联系诉求人',
    confirm: '确认已联系',
    fields: [
      {
        kind: 'choice',
        name: 'method',
        label: '联系方式',
        message: '请选择联系方式',
        choices: [
          { value: 'phone', label: '电话' },
          { value: 'visit', label: '上门' },
          { value: 'message', label: '留言' },
        ],
      },
      { kind: 'text', name: 'note', label: '联系情况', message: '请填写联系情况，2至500字', multiline: true },
      publicNote,
    ],
    schema: ContactBody,
    send: staff.recordContact,
  },
  {
    action: 'resolve',
    label: '办结',
    confirm: '确认办结',
    fields: [
      { kind: 'text', name: 'result', label: '办理结果', message: '请填写办理结果，5至2000字', multiline: true },
      { kind: 'photos', name: 'photoIds', label: '现场照片（选填）', message: '最多9张照片' },
      publicNote,
    ],
    schema: ResolveBody,
    send: staff.resolveTask,
  },
  {
    action: 'supervise',
    label: '督办',
    confirm: '确认督办',
    fields: [{ kind: 'text', name: 'note', label: '督办意见', message: '请填写督办意见，2至500字', multiline: true }],
    // the route takes NoteBody; a supervision without words tells the unit nothing
    schema: NoteBody.extend({ note: z.string().trim().min(2).max(500) }),
    send: staff.superviseComplaint,
  },
  {
    action: 'recordPhoneCallback',
    label: '电话回访',
    confirm: '保存回访结果',
    fields: [
      { kind: 'choice', name: 'reached', label: '是否联系上诉求人', message: '请选择是否联系上', choices: YES_NO, boolean: true },
      {
        kind: 'choice',
        name: 'satisfaction',
        label: '满意程度',
        message: '请选择满意程度',
        choices: Object.entries(SATISFACTION_LABELS).map(([value, label]) => ({ value, label })),
        when: reached,
      },
      { kind: 'choice', name: 'resolved', label: '问题是否已解决', message: '请选择是否已解决', choices: YES_NO, boolean: true, when: reached },
      optionalNote('回访记录（选填）'),
    ],
    schema: PhoneCallbackBody,
    send: staff.recordPhoneCallback,
  },
  {
    action: 'appeal',
    label: '申诉',
    confirm: '提交申诉',
    fields: [
      {
        kind: 'choice',
        name: 'kind',
        label: '申诉事项',
        message: '请选择申诉事项',
        choices: [
          { value: 'rating', label: '对评价申诉' },
          { value: 'assignment', label: '对派单申诉（不属本单位职责）' },
        ],
      },
      { kind: 'text', name: 'reason', label: '申诉理由', message: '请填写申诉理由，5至1000字', multiline: true },
    ],
    schema: AppealBody,
    send: staff.appealTask,
  },
  {
    action: 'ruleOnAppeal',
    label: '申诉裁定',
    confirm: '确认裁定',
    fields: [
      {
        kind: 'choice',
        name: 'decision',
        label: '裁定结果',
        message: '请选择裁定结果',
        choices: [
          { value: 'upheld', label: '申诉成立（不计入考核）' },
          { value: 'dismissed', label: '申诉不成立（计入考核）' },
        ],
      },
      { kind: 'text', name: 'reason', label: '裁定理由', message: '请填写裁定理由，2至500字', multiline: true },
    ],
    schema: AppealRulingBody,
    send: staff.ruleOnAppeal,
  },
];

/**
 * The form's values as the body the schema expects: blank optional text left out, 是/否 as booleans,
 * fields that do not apply dropped. Errors come back by field, in the spec's words.
 */
export function bodyFor(spec: ActionSpec, values: FieldValues): { ok: true; body: unknown } | { ok: false; errors: Partial<Record<string, string>> } {
  const raw: Record<string, unknown> = {};
  for (const field of spec.fields) {
    if (field.when && !field.when(values)) continue;
    let value = values[field.name];
    if (field.kind === 'units' && Array.isArray(value) && field.excluding) {
      const excluded = values[field.excluding];
      value = value.filter((v) => v !== excluded);
    }
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    raw[field.name] = field.kind === 'choice' && field.boolean ? value === 'true' : value;
  }
  const parsed = spec.schema.safeParse(raw);
  if (parsed.success) return { ok: true, body: parsed.data };
  const messageOf = new Map(spec.fields.map((f) => [f.name, f.message]));
  const fieldOf = (path: readonly PropertyKey[]) => (messageOf.has(String(path[0])) ? String(path[0]) : undefined);
  return { ok: false, errors: fieldErrorsOf(parsed.error, fieldOf, (name) => messageOf.get(name) ?? '') };
}
