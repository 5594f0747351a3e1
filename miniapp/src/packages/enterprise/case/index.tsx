import { useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { CASE_ACTION_LABELS, CASE_KIND_LABELS, CASE_STATE_LABELS, CaseNoteBody, DESK_RULES } from '@gongzhi/shared';
// the page frame's styles first (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { closeEnterpriseCase, followUpCase, getEnterpriseCase, rateEnterpriseCase, replyToCase } from '../../../api/enterprises';
import { a11y } from '../../../components/a11y';
import { ChoiceGroup } from '../../../components/choice-group';
import { PhotoStrip } from '../../../components/complaints/photo-strip';
import { formatTime } from '../../../components/format';
import { PhotoField, type UploadedPhoto } from '../../../components/photo-field';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { useLoaded } from '../../../components/use-loaded';
import '../../../components/form.css';
import '../../../components/common.css';

const STARS = [1, 2, 3, 4, 5].map((s) => ({ value: String(s), label: `${s}星` }));

/** One service-desk case: what was asked, the timeline of replies and follow-ups, and what this side may do now (the BFF's action table). */
export default function EnterpriseCasePage() {
  const id = useRouter().params.id ?? '';
  const [version, setVersion] = useState(0);
  const loaded = useLoaded(() => getEnterpriseCase(id), `${id}:${version}`);
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string>();
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [stars, setStars] = useState<string>();
  const [comment, setComment] = useState('');
  const action = useAction();
  const c = loaded.value;
  const can = (a: 'reply' | 'follow_up' | 'close' | 'rate') => !!c?.viewer.actions.includes(a);
  const written = () => {
    setText('');
    setPhotos([]);
    setVersion((v) => v + 1);
  };

  function write(send: (body: { text: string; photoIds: string[] }) => Promise<unknown>, message: string) {
    const parsed = CaseNoteBody.safeParse({ text, photoIds: photos.map((p) => p.id) });
    if (!parsed.success) {
      setTextError(parsed.error.issues[0]?.message);
      return;
    }
    setTextError(undefined);
    void action.act(() => send(parsed.data), message, written);
  }

  return (
    <PageShell title={c ? `${CASE_KIND_LABELS[c.kind]}：${c.subject}` : '服务台事项'}>
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      {c ? (
        <>
          <View className="gz-card">
            <View className="gz-badges">
              <View className="gz-badge">{CASE_KIND_LABELS[c.kind]}</View>
              <View className="gz-badge">{CASE_STATE_LABELS[c.state]}</View>
              {c.overdue ? <View className="gz-badge">已超期</View> : null}
            </View>
            <View>
              {c.number} · {c.enterpriseName}
            </View>
            {c.item ? <View className="gz-muted">关于：{c.item.title}</View> : null}
            {c.replyDueAt ? <View className="gz-muted">答复期限：{formatTime(c.replyDueAt)}{c.overdue ? '（已超期）' : ''}</View> : null}
            {c.rating ? <View>评价：{c.rating.stars}星{c.rating.comment ? `，${c.rating.comment}` : ''}</View> : null}
          </View>
          <View className="gz-card" {...a11y({ role: 'list', label: '办理经过' })}>
            {c.events.map((e, i) => (
              <View key={i} className="gz-field" {...a11y({ role: 'listitem' })}>
                <View className="gz-muted">
                  {e.label} · {CASE_ACTION_LABELS[e.action]} · {formatTime(e.at)}
                </View>
                {e.text ? <View>{e.text}</View> : null}
                {e.photoIds.length ? <PhotoStrip ids={e.photoIds} /> : null}
              </View>
            ))}
          </View>
          {can('reply') || can('follow_up') ? (
            <View className="gz-card" {...a11y({ role: 'region', label: can('reply') ? '答复' : '追问' })}>
              <TextField label={can('reply') ? '答复内容' : '追问内容'} name="case-note" multiline maxlength={1000} value={text} error={textError} onChange={setText} />
              <PhotoField label={`附件图片（选填，最多${DESK_RULES.maxPhotos}张）`} max={DESK_RULES.maxPhotos} photos={photos} onChange={setPhotos} />
              {can('reply') ? (
                <Button type="primary" block loading={action.busy} disabled={action.busy} onClick={() => write((body) => replyToCase(id, body), '已答复，已通知企业')}>
                  发送答复
                </Button>
              ) : (
                <Button type="primary" block loading={action.busy} disabled={action.busy} onClick={() => write((body) => followUpCase(id, body), '已追问，企业服务部会再次答复')}>
                  发送追问
                </Button>
              )}
            </View>
          ) : null}
          {can('rate') ? (
            <View className="gz-card" {...a11y({ role: 'region', label: '评价答复' })}>
              <ChoiceGroup label="星级" inline choices={STARS} value={stars} onChange={setStars} />
              <TextField label="评价（选填）" name="case-comment" maxlength={200} value={comment} onChange={setComment} />
              <Button block disabled={action.busy || !stars} onClick={() => void action.act(() => rateEnterpriseCase(id, Number(stars), comment.trim()), '评价已提交', () => setVersion((v) => v + 1))}>
                提交评价
              </Button>
            </View>
          ) : null}
          {can('close') ? (
            <View className="gz-actions">
              <Button block fill="outline" disabled={action.busy} onClick={() => void action.act(() => closeEnterpriseCase(id), '事项已结束', () => setVersion((v) => v + 1))}>
                问题已解决，结束事项
              </Button>
            </View>
          ) : null}
          <FieldError message={action.error} />
        </>
      ) : null}
    </PageShell>
  );
}
