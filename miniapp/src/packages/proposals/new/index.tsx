import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pageUrl, PROPOSAL_RULES } from '@gongzhi/shared';
// the page frame's styles first, before any component's (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { hasSession } from '../../../api/auth';
import { getMe } from '../../../api/me';
import { proposeIdea } from '../../../api/proposals';
import { useFormErrors } from '../../../components/form-errors';
import { LocationField, type LocationDraft } from '../../../components/location-field';
import { NeedsAccount } from '../../../components/needs-account';
import { PhotoField, type UploadedPhoto } from '../../../components/photo-field';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { useLoaded } from '../../../components/use-loaded';
import { useSubscribePrompt } from '../../../platform/subscribe';
import { FIELD_OF_ERROR_CODE, validateProposal, type ProposalDraft, type ProposalField } from './validate';
import '../../../components/form.css';
import '../../../components/common.css';

/** A real-name resident proposes an idea for their community: title, text, photos, and where (optional). */
export default function NewProposalPage() {
  const signedIn = hasSession();
  const me = useLoaded(() => getMe(), String(signedIn));
  const askSubscriptions = useSubscribePrompt('proposal');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [place, setPlace] = useState<LocationDraft>({ address: '', lat: '', lng: '' });
  const { busy, error: formError, run } = useAction();
  const draft: ProposalDraft = { title, text, photoIds: photos.map((p) => p.id), ...place };
  const form = useFormErrors<ProposalField>(
    () => {
      const checked = validateProposal(draft);
      return checked.ok ? {} : checked.errors;
    },
    { ...draft, point: [draft.lat, draft.lng] },
  );
  const { errors } = form;

  async function submit() {
    const checked = validateProposal(draft);
    if (!form.submitAttempt() || !checked.ok) return;
    // WeChat asks for subscriptions only inside the tap, before any wait
    const asking = askSubscriptions();
    await run(
      async () => {
        await asking.catch(() => []);
        const proposal = await proposeIdea(checked.body);
        toast('提议已提交，邀请邻居附议吧');
        void Taro.redirectTo({ url: pageUrl('proposal', { id: proposal.id }) });
      },
      (refusal) => {
        const field = FIELD_OF_ERROR_CODE[refusal.code];
        if (field) form.serverError({ [field]: refusal.message });
        return Boolean(field);
      },
    );
  }

  if (!signedIn || (me.value && !me.value.verified)) {
    return (
      <PageShell title="提出提议">
        <NeedsAccount signedIn={signedIn} purpose="提出居民提议" returnTo="proposalNew" />
      </PageShell>
    );
  }
  return (
    <PageShell title="提出提议">
      <LoadState loading={me.loading} error={me.error} onRetry={() => void me.reload()} />
      <View className={`gz-card ${form.formClass}`}>
        <TextField label="标题" name="title" value={title} maxlength={40} placeholder="如：小区增设电动车充电桩" error={errors.title} onChange={setTitle} />
        <TextField
          label="提议内容"
          name="text"
          multiline
          value={text}
          maxlength={2000}
          hint="写明想做什么、为什么、怎么做。提议将向本社区居民公开，显示为“居民”，不显示您的姓名和电话。"
          error={errors.text}
          onChange={setText}
        />
        <PhotoField photos={photos} onChange={setPhotos} error={errors.photoIds} max={PROPOSAL_RULES.maxPhotos} />
        <LocationField label="相关地点（选填）" value={place} onChange={setPlace} addressError={errors.address} pointError={errors.point} />
        <FieldError message={formError} />
        <View className="gz-actions">
          <Button type="primary" block loading={busy} onClick={() => void submit()}>
            提交提议
          </Button>
        </View>
      </View>
    </PageShell>
  );
}
