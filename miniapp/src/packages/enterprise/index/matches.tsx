import { useState } from 'react';
import { View } from '@tarojs/components';
import { FIT_LABELS, ITEM_KIND_LABELS, type BundleView, type EnterpriseView, type ItemView } from '@gongzhi/shared';
import { enterpriseMatches } from '../../../api/enterprises';
import { a11y } from '../../../components/a11y';
import { ChoiceGroup } from '../../../components/choice-group';
import { LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';

const KINDS = [{ value: 'all', label: '全部' }, ...Object.entries(ITEM_KIND_LABELS).map(([value, label]) => ({ value, label }))] as Array<{ value: string; label: string }>;
const MARK = { met: '✓', unmet: '✗', confirm: '？' } as const;

/** 为我匹配: every current item against a verified enterprise, eligible first, each criterion's verdict in words. */
export function Matches({
  enterprise,
  bundles,
  favourites,
  onFavourite,
  onIntent,
  onAsk,
}: {
  enterprise: EnterpriseView;
  /** the street's 资源包, to look at one at a time */
  bundles: BundleView[];
  /** the items this enterprise marked */
  favourites: Set<string>;
  onFavourite: (item: ItemView, on: boolean) => void;
  onIntent: (item: ItemView) => void;
  onAsk: (item: ItemView) => void;
}) {
  const [kind, setKind] = useState('all');
  const [bundle, setBundle] = useState('all');
  const loaded = useLoaded(
    () => enterpriseMatches(enterprise.id, kind === 'all' ? undefined : (kind as 'policy'), bundle === 'all' ? undefined : bundle),
    `${enterprise.id}:${kind}:${bundle}`,
  );
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '为我匹配' })}>
      <View className="gz-card-title">为我匹配</View>
      <ChoiceGroup label="类别" inline choices={KINDS} value={kind} onChange={setKind} />
      {bundles.length ? <ChoiceGroup label="资源包" inline choices={[{ value: 'all', label: '全部资源包' }, ...bundles.map((b) => ({ value: b.id, label: b.title }))]} value={bundle} onChange={setBundle} /> : null}
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      {loaded.value?.items.length === 0 ? <View className="gz-muted">暂时没有在有效期内的政策和服务</View> : null}
      {loaded.value?.items.map((m) => (
        <View key={m.id} className="gz-field" {...a11y({ role: 'group', label: `${m.title}，${FIT_LABELS[m.fit]}${m.isNew ? '，新匹配' : ''}${m.isChanged ? '，有更新' : ''}` })}>
          <View className="gz-badges">
            <View className="gz-badge">{ITEM_KIND_LABELS[m.kind]}</View>
            <View className="gz-badge">{FIT_LABELS[m.fit]}</View>
            {m.isNew ? <View className="gz-badge">新匹配</View> : null}
            {m.isChanged ? <View className="gz-badge">有更新</View> : null}
          </View>
          <View>{m.title}</View>
          <View className="gz-muted">
            {m.issuer} · {m.benefit} · 有效期至 {m.validUntil}
          </View>
          <View {...a11y({ role: 'list', label: `${m.title}的条件` })}>
            {m.lines.map((l, i) => (
              <View key={i} {...a11y({ role: 'listitem' })}>
                <View aria-hidden className="gz-inline-mark">{MARK[l.verdict]}</View> {l.text}
              </View>
            ))}
          </View>
          {m.isChanged && m.changes?.length ? (
            <View className="gz-notice" {...a11y({ role: 'list', label: `${m.title}改了什么` })}>
              {m.changes.map((c, i) => (
                <View key={i} {...a11y({ role: 'listitem' })}>
                  {c}
                </View>
              ))}
            </View>
          ) : null}
          <View className="gz-muted">申报方式：{m.howToApply}</View>
          <View className="gz-actions">
            <Button size="small" fill="outline" onClick={() => onFavourite(m, !favourites.has(m.id))}>
              {favourites.has(m.id) ? `取消收藏${m.title}` : `收藏${m.title}`}
            </Button>
            {m.fit !== 'ineligible' ? (
              <Button size="small" onClick={() => onIntent(m)}>
                意向申报{m.title}
              </Button>
            ) : null}
            <Button size="small" fill="outline" onClick={() => onAsk(m)}>
              咨询{m.title}
            </Button>
          </View>
        </View>
      ))}
    </View>
  );
}

