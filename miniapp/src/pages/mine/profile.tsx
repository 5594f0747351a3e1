import { View } from '@tarojs/components';
import { ROLE_LABELS, type UserView } from '@gongzhi/shared';
import { a11y } from '../../components/a11y';
import { Button } from '../../components/ui';
import { LabelledRow } from '../../components/labelled-row';

/** The profile as the BFF sends it: name, ID number and phone arrive already masked. */
export function Profile({ user, onRegister }: { user: UserView; onRegister: () => void }) {
  const roles = user.roles.map((binding) => ROLE_LABELS[binding.role] ?? binding.role).join('、') || ROLE_LABELS.resident;
  const realName = user.realName;
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '个人信息' })}>
      <View className="gz-card-title">个人信息</View>
      <LabelledRow label="身份" value={roles} />
      {realName ? (
        <>
          <LabelledRow label="实名状态" value="已实名" />
          <LabelledRow label="姓名" value={realName.name} />
          <LabelledRow label="身份证号码" value={realName.idNumber} />
          <LabelledRow label="手机号码" value={realName.phone} />
          <LabelledRow label="所在社区" value={realName.communityName} />
          {realName.minor ? <LabelledRow label="年龄段" value="未成年（14–17周岁）" /> : null}
        </>
      ) : (
        <>
          <LabelledRow label="实名状态" value="未实名" />
          <View className="gz-muted">完成实名登记后才能提交诉求、参与征集和报名活动。</View>
          <View className="gz-actions">
            <Button type="primary" block onClick={onRegister}>
              去实名登记
            </Button>
          </View>
        </>
      )}
    </View>
  );
}

