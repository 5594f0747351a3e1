import { CreateProposalBody, PROPOSAL_RULES } from '@gongzhi/shared';
import { fieldErrorsOf } from '../../../components/form-errors';

export interface ProposalDraft {
  title: string;
  text: string;
  photoIds: string[];
  /** the place is optional: all three empty means none */
  address: string;
  lat: string;
  lng: string;
}

export type ProposalField = 'title' | 'text' | 'photoIds' | 'address' | 'point';
export type ProposalErrors = Partial<Record<ProposalField, string>>;

const MESSAGES: Record<ProposalField, string> = {
  title: '请填写标题，4至40字',
  text: '请写明提议内容，10至2000字',
  photoIds: `最多上传${PROPOSAL_RULES.maxPhotos}张照片`,
  address: '填写地点时，详细地址至少2个字',
  point: '填写地点时，请选择位置：地图选点、演示坐标或填写经纬度',
};

const hasPlace = (d: ProposalDraft) => [d.address, d.lat, d.lng].some((v) => v.trim() !== '');

/** The BFF's own zod schema decides; the form turns its complaints into Chinese by field. */
export function validateProposal(draft: ProposalDraft): { ok: true; body: CreateProposalBody } | { ok: false; errors: ProposalErrors } {
  const parsed = CreateProposalBody.safeParse({
    title: draft.title,
    text: draft.text,
    photoIds: draft.photoIds,
    ...(hasPlace(draft) ? { place: { point: { lat: coordinate(draft.lat), lng: coordinate(draft.lng) }, address: draft.address } } : {}),
  });
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, errors: fieldErrorsOf(parsed.error, fieldOf, (field) => MESSAGES[field]) };
}

function fieldOf(path: readonly PropertyKey[]): ProposalField | undefined {
  const [head, second] = path.map(String);
  if (head === 'place') return second === 'address' ? 'address' : 'point';
  if (head === 'title' || head === 'text' || head === 'photoIds') return head;
  return undefined;
}

function coordinate(text: string): number | undefined {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return trimmed !== '' && Number.isFinite(value) ? value : undefined;
}

/** Server refusals that belong beside one field. */
export const FIELD_OF_ERROR_CODE: Record<string, ProposalField> = {
  CONTENT_RISKY: 'text',
  UPLOAD_NOT_FOUND: 'photoIds',
};
