import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CASE_KIND_LABELS, CASE_STATE_LABELS, CaseBody, DESK_RULES, pageUrl, type EnterpriseView, type ItemView } from '@gongzhi/shared';
import { declareIntent, enterpriseBundles, enterpriseCases, enterpriseFavourites, openEnterpriseCase, setFavourite } from '../../../api/enterprises';
import { a11y } from '../../../components/a11y';
import { ChoiceGroup } from '../../../components/choice-group';
import { formatTime } from '../../../components/format';
import { ItemList, Pressable } from '../../../components/links';
import { PhotoField, type UploadedPhoto } from '../../../components/photo-field';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { useLoaded } from '../../../components/use-loaded';
import { useSubscribePrompt } from '../../../platform/subscribe';
import { Matches } from './matches';

const ASK_KINDS = [
  { value: 'question', label: CASE_KIND_LABELS.question },
  { value: 'help', label: CASE_KIND_LABELS.help },
] as const;

/** Ask the service desk: a question or a request for help, optionally about one item; photos as attachments. */
function AskForm({ enterprise, about, onClearAbout, onAsked }: { enterprise: EnterpriseView; about?: ItemView; onClearAbout: () => void; onAsked: () => void }) {
  const [kind, setKind] = useState<'question' | 'help'>('question');
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [errors, setErrors] = useState<Partial<Record<'subject' | 'text', string>>>({});
  const action = useAction();
  const askSubscription = useSubscribePrompt('enterpriseDesk');

  async function send() {
    const parsed = CaseBody.safeParse({ kind, subject, text, photoIds: photos.map((p) => p.id), ...(about ? { itemId: about.id } : {}) });
    if (!parsed.success) {
      const next: typeof errors = {};
      for (const issue of parsed.error.issues) if (issue.path[0] === 'subject' || issue.path[0] === 'text') next[issue.path[0]] ??= issue.message;
      setErrors(next);
      return;
    }
    setErrors({});
    void askSubscription(); // in the tap: the officers' reply can then reach WeChat
    await action.run(async () => {
      const opened = await openEnterpriseCase(enterprise.id, parsed.data);
      toast(`已提交，编号${opened.number}`);
      setSubject('');
      setText('');
      setPhotos([]);
      onClearAbout();
      onAsked();
    });
  }

  return (
    <View className="gz-field" {...a11y({ role: 'form', label: '向企业服务台提问' })}>
      <View className="gz-field-label">向企业服务台提问</View>
      {about ? (
        <View className="gz-row">
          <View>关于：{about.title}</View>
          <Button size="small" fill="outline" onClick={onClearAbout}>
            不关联这项政策
          </Button>
        </View>
      ) : null}
      <ChoiceGroup label="事项类型" inline choices={ASK_KINDS} value={kind} onChange={setKind} />
      <TextField label="标题" name="case-subject" maxlength={40} value={subject} error={errors.subject} onChange={setSubject} />
      <TextField label="具体内容" name="case-text" multiline maxlength={1000} value={text} error={errors.text} onChange={setText} />
      <PhotoField label={`附件图片（选填，最多${DESK_RULES.maxPhotos}张）`} max={DESK_RULES.maxPhotos} photos={photos} onChange={setPhotos} />
      <FieldError message={action.error} />
      <Button type="primary" block loading={action.busy} disabled={action.busy} onClick={() => void send()}>
        提交给企业服务部
      </Button>
    </View>
  );
}

/**
 * A verified enterprise's services: 为我匹配 (with 收藏, 意向申报 and 咨询此项 on each item), its
 * favourites, and the service desk (its cases, and a new question).
 */
export function EnterpriseServices({ enterprise }: { enterprise: EnterpriseView }) {
  const [version, setVersion] = useState(0);
  const favourites = useLoaded(() => enterpriseFavourites(enterprise.id), `fav:${enterprise.id}:${version}`);
  const cases = useLoaded(() => enterpriseCases(enterprise.id), `cases:${enterprise.id}:${version}`);
  const bundles = useLoaded(() => enterpriseBundles(), 'bundles');
  const [about, setAbout] = useState<ItemView>();
  const action = useAction();
  const reload = () => setVersion((v) => v + 1);
  const favourite = new Set(favourites.value?.items.map((i) => i.id) ?? []);

  const intend = (item: ItemView) =>
    action.run(async () => {
      const opened = await declareIntent(enterprise.id, item.id);
      toast('已提交意向申报，企业服务部会联系您');
      reload();
      void Taro.navigateTo({ url: pageUrl('enterpriseCase', { id: opened.id }) });
    });

  return (
    <>
      <Matches
        enterprise={enterprise}
        bundles={bundles.value?.items ?? []}
        favourites={favourite}
        onFavourite={(item, on) => void action.act(() => setFavourite(enterprise.id, item.id, on), on ? `已收藏${item.title}` : `已取消收藏${item.title}`, reload)}
        onIntent={(item) => void intend(item)}
        onAsk={setAbout}
      />
      <FieldError message={action.error} />
      <View className="gz-card" {...a11y({ role: 'region', label: '我的收藏' })}>
        <View className="gz-card-title">我的收藏</View>
        <LoadState loading={favourites.loading} error={favourites.error} onRetry={() => void favourites.reload()} />
        {favourites.value?.items.length === 0 ? <View className="gz-muted">还没有收藏的政策和服务</View> : null}
        {favourites.value?.items.length ? (
          <ItemList label="收藏的政策和服务">
            {favourites.value.items.map((i) => (
              <View key={i.id}>
                {i.title}（{i.benefit}，有效期至 {i.validUntil}）
              </View>
            ))}
          </ItemList>
        ) : null}
      </View>
      <View className="gz-card" {...a11y({ role: 'region', label: '企业服务台' })}>
        <View className="gz-card-title">企业服务台</View>
        <View className="gz-muted">企业服务部在{DESK_RULES.replyWorkingDays}个工作日内答复。</View>
        <LoadState loading={cases.loading} error={cases.error} onRetry={() => void cases.reload()} />
        {cases.value?.items.length ? (
          <ItemList label="本企业的服务台事项">
            {cases.value.items.map((c) => (
              <Pressable key={c.id} label={`${CASE_KIND_LABELS[c.kind]}：${c.subject}，${CASE_STATE_LABELS[c.state]}${c.overdue ? '，已超期' : ''}`} onPress={() => void Taro.navigateTo({ url: pageUrl('enterpriseCase', { id: c.id }) })}>
                <View>
                  {CASE_KIND_LABELS[c.kind]}：{c.subject}
                </View>
                <View className="gz-muted">
                  {c.number} · {CASE_STATE_LABELS[c.state]}
                  {c.overdue ? ' · 已超期' : ''} · {formatTime(c.updatedAt)}
                </View>
              </Pressable>
            ))}
          </ItemList>
        ) : null}
        <AskForm enterprise={enterprise} about={about} onClearAbout={() => setAbout(undefined)} onAsked={reload} />
      </View>
    </>
  );
}
