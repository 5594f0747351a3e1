import { useRef, useState } from 'react';
import { View } from '@tarojs/components';
import type { CategoryView, CommunityView, ComplaintSummaryView, CreateComplaintBody, FollowComplaintBody } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { FieldError } from '../../../components/status';
import { fieldClass, useFormErrors } from '../../../components/form-errors';
import { Button } from '../../../components/ui';
import { ChoiceGroup, SwitchRow } from '../../../components/choice-group';
import { TextField } from '../../../components/text-field';
import { CategoryPicker } from './category-picker';
import { LocationField, type LocationDraft } from '../../../components/location-field';
import { PhotoField, type UploadedPhoto } from '../../../components/photo-field';
import { SimilarOffer } from './similar-offer';
import { createSubmission } from './submission';
import { FIELD_OF_ERROR_CODE, validateComplaint, type ComplaintDraft, type ComplaintField } from './validate';

export interface ComplaintFormProps {
  categories: CategoryView[];
  communities: CommunityView[];
  defaultCommunityId?: string;
  findSimilar: (query: { categoryId: string; lat: number; lng: number }) => Promise<ComplaintSummaryView[]>;
  /** with the category and point the offer was found for: the server holds the follow to the same rule */
  onFollow: (complaint: ComplaintSummaryView, position: FollowComplaintBody) => Promise<void>;
  onSubmit: (body: CreateComplaintBody, idempotencyKey: string) => Promise<void>;
  /** asks WeChat for the progress notices' subscriptions: called in the submit tap, before any wait */
  askSubscriptions?: () => Promise<unknown>;
  newKey?: () => string;
}

export function ComplaintForm(props: ComplaintFormProps) {
  const { categories, communities, findSimilar, onFollow, onSubmit } = props;
  const [parentId, setParentId] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [communityId, setCommunityId] = useState(props.defaultCommunityId ?? '');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [location, setLocation] = useState<LocationDraft>({ address: '', lat: '', lng: '' });
  const [showIdentityToUnit, setShowIdentityToUnit] = useState(true);
  const [publicConsent, setPublicConsent] = useState(false);
  const [publicExactPoint, setPublicExactPoint] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [similar, setSimilar] = useState<ComplaintSummaryView[]>([]);
  // what the offer was found for: following sends it, so the server checks the offer's own rule
  const similarFor = useRef<FollowComplaintBody>();
  // the resident saw the similar ones for this place and category and chose to file anyway
  const dismissedSimilarFor = useRef<string>();
  const submission = useRef(createSubmission(props.newKey));
  const draft: ComplaintDraft = {
    categoryId,
    communityId,
    description,
    photoIds: photos.map((p) => p.id),
    address: location.address,
    lat: location.lat,
    lng: location.lng,
    showIdentityToUnit,
    publicConsent,
    publicExactPoint,
  };
  const form = useFormErrors<ComplaintField>(
    () => {
      const checked = validateComplaint(draft);
      return checked.ok ? {} : checked.errors;
    },
    { ...draft, point: [draft.lat, draft.lng] },
  );
  const { errors } = form;

  async function submit() {
    setFormError(undefined);
    const result = validateComplaint(draft);
    if (!form.submitAttempt() || !result.ok) return;
    const body = result.body;
    // WeChat only asks inside a tap: this call must come before the first await
    const asking = props.askSubscriptions?.();

    setBusy(true);
    try {
      const place = `${body.categoryId}|${body.location.point.lat}|${body.location.point.lng}`;
      if (dismissedSimilarFor.current !== place) {
        const found = await findSimilar({ categoryId: body.categoryId, ...body.location.point }).catch(() => []);
        if (found.length > 0) {
          dismissedSimilarFor.current = place;
          similarFor.current = { categoryId: body.categoryId, location: body.location.point };
          setSimilar(found);
          return;
        }
      }
      setSimilar([]);
      await asking;
      await onSubmit(body, submission.current.keyFor(body));
    } catch (failure) {
      const error = toApiError(failure);
      const field = FIELD_OF_ERROR_CODE[error.code];
      if (field) form.serverError({ [field]: error.message });
      else setFormError(error.message);
    } finally {
      setBusy(false);
    }
  }

  async function follow(complaint: ComplaintSummaryView) {
    setFormError(undefined);
    if (!similarFor.current) return;
    try {
      await onFollow(complaint, similarFor.current);
    } catch (failure) {
      setFormError(toApiError(failure).message);
    }
  }

  return (
    <View className={`gz-card ${form.formClass}`}>
      <CategoryPicker
        categories={categories}
        parentId={parentId}
        categoryId={categoryId}
        error={errors.categoryId}
        onChange={(next) => {
          setParentId(next.parentId);
          setCategoryId(next.categoryId);
        }}
      />

      <View className={fieldClass(errors.communityId)}>
        <View className="gz-field-label">所在社区</View>
        <ChoiceGroup
          label="问题所在社区"
          inline
          choices={communities.map((c) => ({ value: c.id, label: c.name }))}
          value={communityId || undefined}
          onChange={setCommunityId}
        />
        <FieldError message={errors.communityId} />
      </View>

      <LocationField value={location} onChange={setLocation} addressError={errors.address} pointError={errors.point} />

      <TextField
        label="问题描述"
        name="description"
        multiline
        maxlength={2000}
        value={description}
        placeholder="请说明发生了什么、持续多久、影响到谁（5至2000字）"
        error={errors.description}
        onChange={setDescription}
      />

      <PhotoField photos={photos} onChange={setPhotos} error={errors.photoIds} />

      <View className="gz-field">
        <SwitchRow label="让处理单位看到我的姓名和电话" checked={showIdentityToUnit} onChange={setShowIdentityToUnit} />
        <View className="gz-muted">
          {showIdentityToUnit ? '处理单位可看到您的姓名和电话（已脱敏），便于联系核实。' : '处理单位看不到您的姓名和电话，只能通过平台联系您。'}
        </View>
      </View>

      <View className="gz-field">
        <SwitchRow label="同意公开诉求描述和地址" checked={publicConsent} onChange={setPublicConsent} />
        <View className="gz-muted">
          {publicConsent
            ? '描述和详细地址将向公众公开，其中的手机号、电话、证件号等会自动隐去。'
            : '默认不公开：公众只能看到诉求类别、办理状态和大致位置（约100米范围）。'}
        </View>
        {publicConsent && showIdentityToUnit ? (
          <SwitchRow label="公开精确位置（默认只公开约100米范围）" checked={publicExactPoint} onChange={setPublicExactPoint} />
        ) : null}
      </View>

      {similar.length > 0 ? (
        <SimilarOffer items={similar} onFollow={(c) => void follow(c)} />
      ) : null}

      <FieldError message={formError} />
      <View className="gz-actions">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          {similar.length > 0 ? '仍然提交新诉求' : '提交诉求'}
        </Button>
      </View>
    </View>
  );
}
