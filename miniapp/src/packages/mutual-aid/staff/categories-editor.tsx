import { useState } from 'react';
import { View } from '@tarojs/components';
import { AidCategoryBody, CategoryCode, type AidCategoryView } from '@gongzhi/shared';
import { listAidCategories, setAidCategory } from '../../../api/mutual-aid';
import { a11y } from '../../../components/a11y';
import { CheckGroup } from '../../../components/choice-group';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { useLoaded } from '../../../components/use-loaded';

const FLAGS = [
  { value: 'active', label: '启用' },
  { value: 'openToMinors', label: '未成年人可用' },
];

/** One category's name and flags, saved on its own. */
function CategoryRow({ category, onSaved }: { category: AidCategoryView; onSaved: () => void }) {
  const [name, setName] = useState(category.name);
  const [flags, setFlags] = useState(FLAGS.map((f) => f.value).filter((f) => category[f as 'active' | 'openToMinors']));
  const action = useAction();
  const body = { name: name.trim(), active: flags.includes('active'), openToMinors: flags.includes('openToMinors') };
  const valid = AidCategoryBody.safeParse(body).success;
  return (
    <View className="gz-field" {...a11y({ role: 'group', label: `类别：${category.name}` })}>
      <TextField label={`名称（编号 ${category.code}）`} name={`category-${category.code}`} maxlength={12} value={name} error={valid ? undefined : '名称2至12个字'} onChange={setName} />
      <CheckGroup label={`${category.name}的设置`} choices={FLAGS} values={flags} onChange={setFlags} />
      <Button size="small" fill="outline" disabled={action.busy || !valid} onClick={() => void action.act(() => setAidCategory(category.code, body), `已保存“${body.name}”`, onSaved)}>
        保存{category.name}
      </Button>
      <FieldError message={action.error} />
    </View>
  );
}

/** The street admin edits mutual aid's categories: names, whether in use, whether minors may use them; and adds new ones. */
export function CategoriesEditor() {
  const [version, setVersion] = useState(0);
  const list = useLoaded(() => listAidCategories(), `categories:${version}`);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const add = useAction();
  const reload = () => setVersion((v) => v + 1);
  const codeOk = CategoryCode.safeParse(code).success;
  const nameOk = AidCategoryBody.shape.name.safeParse(name).success;
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '互助类别' })}>
      <View className="gz-card-title">互助类别</View>
      <LoadState loading={list.loading} error={list.error} onRetry={() => void list.reload()} />
      {list.value?.items.map((c) => <CategoryRow key={`${c.code}:${version}`} category={c} onSaved={reload} />)}
      <View className="gz-field">
        <View className="gz-field-label">新增类别</View>
        <TextField label="编号（小写字母和下划线）" name="new-category-code" maxlength={24} value={code} error={code && !codeOk ? '编号只能是2至24个小写字母和下划线' : undefined} onChange={setCode} />
        <TextField label="名称" name="new-category-name" maxlength={12} value={name} onChange={setName} />
        <Button
          block
          fill="outline"
          disabled={add.busy || !codeOk || !nameOk}
          onClick={() => void add.act(() => setAidCategory(code, { name: name.trim(), active: true, openToMinors: false }), `已新增“${name.trim()}”`, () => {
            setCode('');
            setName('');
            reload();
          })}
        >
          新增类别
        </Button>
        <FieldError message={add.error} />
      </View>
    </View>
  );
}
