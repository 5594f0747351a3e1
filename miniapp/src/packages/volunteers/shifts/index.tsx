import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CommunityView } from '@gongzhi/shared';
import { listAllCommunities } from '../../../api/reference';
import { listShifts, type ShiftFilter } from '../../../api/volunteers';
import { PageShell } from '../../../components/page-shell';
import { FieldError } from '../../../components/status';
import { Button } from '../../../components/ui';
import { ChoiceGroup } from '../../../components/choice-group';
import { usePagedList } from '../../../components/paged-list';
import { TextField } from '../../../components/text-field';
import { SKILL_CHOICES, type Skill } from '../../../components/volunteers/choices';
import { todayInChina } from '../../../components/volunteers/dates';
import { ShiftList } from '../../../components/volunteers/shift-list';
import '../../../components/form.css';
import '../../../components/common.css';
import '../../../components/volunteers/volunteers.css';
import { pageUrl } from '@gongzhi/shared';

const ANY = 'any';

export default function BrowseShiftsPage() {
  const [communities, setCommunities] = useState<CommunityView[]>([]);
  const [from, setFrom] = useState(todayInChina);
  const [communityId, setCommunityId] = useState<string>(ANY);
  const [skill, setSkill] = useState<string>(ANY);
  const [applied, setApplied] = useState<ShiftFilter>({ from: todayInChina() });
  const [fromError, setFromError] = useState<string>();

  useEffect(() => {
    listAllCommunities().then(setCommunities, () => setCommunities([]));
  }, []);

  const list = usePagedList((cursor) => listShifts(applied, cursor), JSON.stringify(applied));

  function search() {
    const date = from.trim();
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setFromError('日期格式为 年-月-日，例如 2026-12-01');
      return;
    }
    setFromError(undefined);
    setApplied({
      ...(date ? { from: date } : {}),
      ...(communityId !== ANY ? { communityId } : {}),
      ...(skill !== ANY ? { skill: skill as Skill } : {}),
    });
  }

  return (
    <PageShell title="浏览岗位">
      <View className="gz-card">
        <TextField label="开始日期（从这天起）" name="from" maxlength={10} value={from} placeholder="例如 2026-12-01" onChange={setFrom} />
        <FieldError message={fromError} />
        <View className="gz-field-label">社区</View>
        <ChoiceGroup
          label="社区"
          inline
          choices={[{ value: ANY, label: '全部社区' }, ...communities.map((c) => ({ value: c.id, label: c.name }))]}
          value={communityId}
          onChange={setCommunityId}
        />
        <View className="gz-field-label">技能</View>
        <ChoiceGroup label="技能" inline choices={[{ value: ANY, label: '不限技能' }, ...SKILL_CHOICES]} value={skill} onChange={setSkill} />
        <View className="gz-actions">
          <Button type="primary" block onClick={search}>
            查询岗位
          </Button>
        </View>
      </View>
      <ShiftList
        list={list}
        label="可报名的岗位"
        empty="没有符合条件的岗位"
        onOpen={(id) => void Taro.navigateTo({ url: pageUrl('volunteerShift', { id }) })}
      />
    </PageShell>
  );
}
