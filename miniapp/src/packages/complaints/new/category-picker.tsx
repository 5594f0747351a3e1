import { View } from '@tarojs/components';
import type { CategoryView } from '@gongzhi/shared';
import { a11y } from '../../../components/a11y';
import { FieldError } from '../../../components/status';
import { fieldClass } from '../../../components/form-errors';
import { ChoiceGroup } from '../../../components/choice-group';

/** Two levels: the kind of problem, then the problem. A kind without sub-kinds is itself chosen. */
export function CategoryPicker({
  categories,
  parentId,
  categoryId,
  onChange,
  error,
}: {
  categories: CategoryView[];
  parentId: string;
  categoryId: string;
  onChange: (next: { parentId: string; categoryId: string }) => void;
  error?: string;
}) {
  const parents = categories.filter((c) => !c.parentId);
  const children = categories.filter((c) => c.parentId === parentId);
  const chosen = categories.find((c) => c.id === categoryId);

  function chooseParent(id: string) {
    const hasChildren = categories.some((c) => c.parentId === id);
    onChange({ parentId: id, categoryId: hasChildren ? '' : id });
  }

  return (
    <View className={fieldClass(error)}>
      <View className="gz-field-label">诉求类别</View>
      <ChoiceGroup
        label="诉求大类"
        inline
        choices={parents.map((c) => ({ value: c.id, label: c.name }))}
        value={parentId || undefined}
        onChange={chooseParent}
      />
      {children.length > 0 ? (
        <>
          <View className="gz-field-label gz-sub-label">具体问题</View>
          <ChoiceGroup
            label="诉求小类"
            inline
            choices={children.map((c) => ({ value: c.id, label: c.urgency === 'urgent' ? `${c.name}（紧急）` : c.name }))}
            value={categoryId || undefined}
            onChange={(id) => onChange({ parentId, categoryId: id })}
          />
        </>
      ) : null}
      {chosen && !chosen.admission.accepted ? (
        <View className="gz-notice" {...a11y({ role: 'status' })}>
          <View className="gz-card-title">此类事项不属于街道受理范围</View>
          <View>{chosen.admission.referral ?? '请向有关部门反映。'}</View>
          <View className="gz-muted">您仍可提交，诉求会被记录，并收到上述处理建议。</View>
        </View>
      ) : null}
      <FieldError message={error} />
    </View>
  );
}
