import { useState } from 'react';
import { View } from '@tarojs/components';
import { BundleBody, ENTERPRISE_TAGS, INDUSTRIES, ITEM_KIND_LABELS, ItemBody, SIZE_CLASSES, SIZE_LABELS, type BundleView, type ItemView } from '@gongzhi/shared';
import { enterpriseBundles, officerItems, previewEnterpriseItem, publishEnterpriseItem, saveBundle, updateEnterpriseItem } from '../../../api/enterprises';
import { toApiError } from '../../../api/errors';
import { a11y } from '../../../components/a11y';
import { CheckGroup, ChoiceGroup } from '../../../components/choice-group';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { useLoaded } from '../../../components/use-loaded';

const KINDS = Object.entries(ITEM_KIND_LABELS).map(([value, label]) => ({ value, label }));

/** The form's fields: a new item's blanks, or an item being edited. */
function fieldsOf(item?: ItemView) {
  const c = item?.criteria ?? {};
  const text = (n?: number) => (n === undefined ? '' : String(n));
  return {
    kind: item?.kind ?? 'policy', title: item?.title ?? '', issuer: item?.issuer ?? '', summary: item?.summary ?? '', benefit: item?.benefit ?? '', benefitWan: text(item?.benefitWan),
    howToApply: item?.howToApply ?? '', validFrom: item?.validFrom ?? '', validUntil: item?.validUntil ?? '',
    industries: (c.industries ?? []) as string[], sizeClasses: (c.sizeClasses ?? []) as string[], minYears: text(c.minYears), minEmployees: text(c.minEmployees), maxEmployees: text(c.maxEmployees),
    tagsRequired: (c.tagsRequired ?? []) as string[], judgement: (c.judgement ?? []).join('\n'),
  };
}

/**
 * An item's form: what it is, when, the benefit, and its criteria (each optional), with a preview of
 * how many verified enterprises the criteria reach. With `editing`, saving makes a new version.
 */
function ItemForm({ editing, onDone }: { editing?: ItemView; onDone: () => void }) {
  const [d, setD] = useState(() => fieldsOf(editing));
  const [preview, setPreview] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof d, value: string | string[]) => setD((x) => ({ ...x, [key]: value }));
  const num = (t: string) => (t.trim() === '' ? undefined : Number(t));

  function parsedItem() {
    const criteria = {
      ...(d.industries.length ? { industries: d.industries } : {}),
      ...(d.sizeClasses.length ? { sizeClasses: d.sizeClasses } : {}),
      ...(num(d.minYears) !== undefined ? { minYears: num(d.minYears) } : {}),
      ...(num(d.minEmployees) !== undefined ? { minEmployees: num(d.minEmployees) } : {}),
      ...(num(d.maxEmployees) !== undefined ? { maxEmployees: num(d.maxEmployees) } : {}),
      ...(d.tagsRequired.length ? { tagsRequired: d.tagsRequired } : {}),
      ...(d.judgement.trim() ? { judgement: d.judgement.split('\n').map((l) => l.trim()).filter(Boolean) } : {}),
    };
    return ItemBody.safeParse({
      kind: d.kind, title: d.title, issuer: d.issuer, summary: d.summary, benefit: d.benefit, ...(num(d.benefitWan) !== undefined ? { benefitWan: num(d.benefitWan) } : {}),
      howToApply: d.howToApply, validFrom: d.validFrom, validUntil: d.validUntil, criteria,
    });
  }
  const problems = (issues: ReadonlyArray<{ path: PropertyKey[] }>) => `请检查：${issues.map((i) => i.path.map(String).join('.')).join('、')}`;

  async function submit() {
    setError(undefined);
    const parsed = parsedItem();
    if (!parsed.success) {
      setError(problems(parsed.error.issues));
      return;
    }
    setBusy(true);
    try {
      if (editing) await updateEnterpriseItem(editing.id, parsed.data);
      else await publishEnterpriseItem(parsed.data);
      toast(editing ? '已保存新版本，已通知符合条件的企业' : '已发布');
      onDone();
    } catch (failure) {
      setError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  async function showPreview() {
    setError(undefined);
    const parsed = parsedItem();
    if (!parsed.success) {
      setError(problems(parsed.error.issues));
      return;
    }
    try {
      const p = await previewEnterpriseItem(parsed.data.criteria);
      setPreview(`按这些条件，${p.verified}家已认证企业中：符合${p.eligible}家，可能符合（需人工确认）${p.possible}家`);
    } catch (failure) {
      setError(toApiError(failure).message);
    }
  }

  const label = editing ? `修改：${editing.title}` : '发布政策或服务';
  return (
    <View className="gz-card" {...a11y({ role: 'region', label })}>
      <View className="gz-card-title">{label}</View>
      {editing ? <View className="gz-muted">当前第{editing.version}版。保存后成为新版本，符合条件的企业会看到改了什么。</View> : null}
      <ChoiceGroup label="类别" inline choices={KINDS} value={d.kind} onChange={(v) => set('kind', v)} />
      <TextField label="名称" name="title" maxlength={80} value={d.title} onChange={(v) => set('title', v)} />
      <TextField label="发布机构" name="issuer" maxlength={60} value={d.issuer} onChange={(v) => set('issuer', v)} />
      <TextField label="摘要" name="summary" multiline maxlength={300} value={d.summary} onChange={(v) => set('summary', v)} />
      <TextField label="支持内容" name="benefit" maxlength={100} placeholder="如：最高补贴50万元" value={d.benefit} onChange={(v) => set('benefit', v)} />
      <TextField label="金额（万元，选填，用于排序）" name="benefitWan" type="number" maxlength={8} value={d.benefitWan} onChange={(v) => set('benefitWan', v)} />
      <TextField label="申报方式" name="howToApply" multiline maxlength={1000} value={d.howToApply} onChange={(v) => set('howToApply', v)} />
      <TextField label="有效期开始" name="validFrom" maxlength={10} placeholder="如 2026-01-01" value={d.validFrom} onChange={(v) => set('validFrom', v)} />
      <TextField label="有效期截止" name="validUntil" maxlength={10} placeholder="如 2027-12-31" value={d.validUntil} onChange={(v) => set('validUntil', v)} />
      <View className="gz-card-title">申报条件（不填即不限）</View>
      <View className="gz-field-label">行业</View>
      <CheckGroup label="行业" choices={INDUSTRIES.map((i) => ({ value: i.code, label: i.name }))} values={d.industries} onChange={(v) => set('industries', v)} />
      <View className="gz-field-label">企业规模</View>
      <CheckGroup label="企业规模" choices={SIZE_CLASSES.map((s) => ({ value: s, label: SIZE_LABELS[s] }))} values={d.sizeClasses} onChange={(v) => set('sizeClasses', v)} />
      <TextField label="成立不少于（年）" name="minYears" type="number" maxlength={3} value={d.minYears} onChange={(v) => set('minYears', v)} />
      <TextField label="员工不少于（人）" name="minEmployees" type="number" maxlength={8} value={d.minEmployees} onChange={(v) => set('minEmployees', v)} />
      <TextField label="员工不超过（人）" name="maxEmployees" type="number" maxlength={8} value={d.maxEmployees} onChange={(v) => set('maxEmployees', v)} />
      <View className="gz-field-label">须具备的资质</View>
      <CheckGroup label="须具备的资质" choices={ENTERPRISE_TAGS.map((t) => ({ value: t, label: t }))} values={d.tagsRequired} onChange={(v) => set('tagsRequired', v)} />
      <TextField label="需人工确认的条件（每行一条）" name="judgement" multiline maxlength={1000} value={d.judgement} onChange={(v) => set('judgement', v)} />
      <Button block fill="outline" onClick={() => void showPreview()}>
        预览匹配企业数
      </Button>
      {preview ? <View role="status">{preview}</View> : null}
      <FieldError message={error} />
      <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
        {editing ? '保存新版本' : '发布'}
      </Button>
    </View>
  );
}

/** One bundle's form: its title, description and items (new when `bundle` is absent). */
function BundleForm({ bundle, items, onSaved }: { bundle?: BundleView; items: ItemView[]; onSaved: () => void }) {
  const [title, setTitle] = useState(bundle?.title ?? '');
  const [description, setDescription] = useState(bundle?.description ?? '');
  const [chosen, setChosen] = useState<string[]>(bundle?.itemIds ?? []);
  const action = useAction();
  const body = { title: title.trim(), description: description.trim(), itemIds: chosen };
  const valid = BundleBody.safeParse(body).success;
  const label = bundle ? `资源包：${bundle.title}` : '新建资源包';
  return (
    <View className="gz-field" {...a11y({ role: 'group', label })}>
      <View className="gz-field-label">{label}</View>
      <TextField label={bundle ? `${bundle.title}的名称` : '资源包名称'} name={`bundle-title-${bundle?.id ?? 'new'}`} maxlength={30} value={title} onChange={setTitle} />
      <TextField label={bundle ? `${bundle.title}的说明` : '资源包说明（选填）'} name={`bundle-description-${bundle?.id ?? 'new'}`} maxlength={300} value={description} onChange={setDescription} />
      <CheckGroup label={bundle ? `${bundle.title}包含的政策和服务` : '包含的政策和服务'} choices={items.map((i) => ({ value: i.id, label: i.title }))} values={chosen} onChange={setChosen} />
      <Button block fill="outline" disabled={action.busy || !valid} onClick={() => void action.act(() => saveBundle(bundle?.id ?? null, body), bundle ? '资源包已保存' : '资源包已新建', () => {
        if (!bundle) {
          setTitle('');
          setDescription('');
          setChosen([]);
        }
        onSaved();
      })}>
        {bundle ? `保存${bundle.title}` : '新建资源包'}
      </Button>
      <FieldError message={action.error} />
    </View>
  );
}

/** The officers' items: publish one, edit one (a new version), and group them into 资源包. */
export function ItemsAndBundles() {
  const [version, setVersion] = useState(0);
  const items = useLoaded(() => officerItems(), `items:${version}`);
  const bundles = useLoaded(() => enterpriseBundles(), `bundles:${version}`);
  const [editing, setEditing] = useState<ItemView>();
  const reload = () => setVersion((v) => v + 1);
  return (
    <>
      <ItemForm key={editing ? `${editing.id}:${editing.version}` : `new:${version}`} editing={editing} onDone={() => {
        setEditing(undefined);
        reload();
      }} />
      <View className="gz-card" {...a11y({ role: 'region', label: '在有效期内的政策和服务' })}>
        <View className="gz-card-title">在有效期内的政策和服务</View>
        <LoadState loading={items.loading} error={items.error} onRetry={() => void items.reload()} />
        {items.value?.items.map((i) => (
          <View key={i.id} className="gz-row">
            <View>
              <View>
                {ITEM_KIND_LABELS[i.kind]}：{i.title}（第{i.version}版）
              </View>
              <View className="gz-muted">
                {i.benefit} · 有效期至 {i.validUntil}
              </View>
            </View>
            <Button size="small" fill="outline" onClick={() => setEditing(i)}>
              修改{i.title}
            </Button>
          </View>
        ))}
      </View>
      <View className="gz-card" {...a11y({ role: 'region', label: '资源包' })}>
        <View className="gz-card-title">资源包</View>
        <LoadState loading={bundles.loading} error={bundles.error} onRetry={() => void bundles.reload()} />
        {items.value && bundles.value ? (
          <>
            {bundles.value.items.map((b) => <BundleForm key={`${b.id}:${b.updatedAt}`} bundle={b} items={items.value!.items} onSaved={reload} />)}
            <BundleForm key={`new:${version}`} items={items.value.items} onSaved={reload} />
          </>
        ) : null}
      </View>
    </>
  );
}
