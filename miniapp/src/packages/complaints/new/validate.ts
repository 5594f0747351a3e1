import { CreateComplaintBody } from '@gongzhi/shared';
import { fieldErrorsOf } from '../../../components/form-errors';

export interface ComplaintDraft {
  categoryId: string;
  communityId: string;
  description: string;
  photoIds: string[];
  address: string;
  /** typed or filled in by the map picker / the demo coordinates; text until checked */
  lat: string;
  lng: string;
  showIdentityToUnit: boolean;
  /** publish the description and address (masked); off unless the resident ticks it */
  publicConsent?: boolean;
  publicExactPoint?: boolean;
}

export type ComplaintField = 'categoryId' | 'communityId' | 'description' | 'photoIds' | 'address' | 'point';
export type ComplaintErrors = Partial<Record<ComplaintField, string>>;

const MESSAGES: Record<ComplaintField, string> = {
  categoryId: '请选择诉求类别（大类和小类）',
  communityId: '请选择问题所在社区',
  description: '请描述问题，5至2000字',
  photoIds: '最多上传9张照片',
  address: '请填写问题所在的详细地址（至少2个字）',
  point: '请选择位置：地图选点、演示坐标或填写经纬度',
};

/** The BFF's own zod schema decides; the form only turns its complaints into Chinese by field. */
export function validateComplaint(draft: ComplaintDraft): { ok: true; body: CreateComplaintBody } | { ok: false; errors: ComplaintErrors } {
  const lat = parseCoordinate(draft.lat);
  const lng = parseCoordinate(draft.lng);
  const parsed = CreateComplaintBody.safeParse({
    categoryId: draft.categoryId,
    communityId: draft.communityId,
    description: draft.description,
    photoIds: draft.photoIds,
    location: { point: { lat, lng }, address: draft.address },
    showIdentityToUnit: draft.showIdentityToUnit,
    publicConsent: Boolean(draft.publicConsent),
    publicExactPoint: Boolean(draft.publicConsent && draft.showIdentityToUnit && draft.publicExactPoint),
  });
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, errors: fieldErrorsOf(parsed.error, fieldOf, (field) => MESSAGES[field]) };
}

function fieldOf(path: readonly PropertyKey[]): ComplaintField | undefined {
  const [head, second] = path.map(String);
  if (head === 'location') return second === 'address' ? 'address' : 'point';
  if (head === 'categoryId' || head === 'communityId' || head === 'description' || head === 'photoIds') return head;
  return undefined;
}

function parseCoordinate(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** Server refusals that belong beside one field. */
export const FIELD_OF_ERROR_CODE: Record<string, ComplaintField> = {
  CONTENT_RISKY: 'description',
  CATEGORY_NOT_FOUND: 'categoryId',
  COMMUNITY_NOT_FOUND: 'communityId',
  UPLOAD_NOT_FOUND: 'photoIds',
};
