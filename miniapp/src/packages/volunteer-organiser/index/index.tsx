import { useCallback, useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CommunityView } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { getMe } from '../../../api/me';
import { listAllCommunities } from '../../../api/reference';
import { listShifts } from '../../../api/volunteers';
import { PageShell } from '../../../components/page-shell';
import { LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { ChoiceGroup } from '../../complaints/components/choice-group';
import { usePagedList } from '../../complaints/components/paged-list';
import { todayInChina } from '../../volunteers/components/dates';
import { ShiftList } from '../../volunteers/components/shift-list';
import { isOrganiser, organisedCommunities } from '../organiser';
import '../../../components/form.css';
import '../../complaints/complaints.css';
import '../../volunteers/volunteers.css';

export default function OrganiserHomePage() {
  const [communities, setCommunities] = useState<CommunityView[]>();
  const [communityId, setCommunityId] = useState<string>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      const [me, all] = await Promise.all([getMe(), listAllCommunities()]);
      const own = new Set(organisedCommunities(me));
      // street admins run every community's shifts
      const mine = me.roles.some((b) => b.role === 'admin') ? all : all.filter((c) => own.has(c.id));
      setCommunities(isOrganiser(me) ? mine : []);
      setCommunityId((current) => current ?? mine[0]?.id);
    } catch (failure) {
      setError(toApiError(failure).message);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <PageShell title="志愿服务管理">
      <LoadState loading={!communities && !error} error={error} onRetry={() => void load()} />
      {communities && communities.length === 0 ? <View className="gz-card">您的账号不是社区工作人员，无法发布志愿服务班次。</View> : null}
      {communities && communities.length > 1 ? (
        <View className="gz-card">
          <View className="gz-field-label">社区</View>
          <ChoiceGroup label="社区" inline choices={communities.map((c) => ({ value: c.id, label: c.name }))} value={communityId} onChange={setCommunityId} />
        </View>
      ) : null}
      {communityId ? <CommunityShifts communityId={communityId} /> : null}
    </PageShell>
  );
}

function CommunityShifts({ communityId }: { communityId: string }) {
  const list = usePagedList((cursor) => listShifts({ communityId, from: todayInChina() }, cursor), communityId);
  return (
    <>
      <View className="gz-actions">
        <Button type="primary" block onClick={() => void Taro.navigateTo({ url: `/packages/volunteer-organiser/new-shift/index?communityId=${communityId}` })}>
          发布班次
        </Button>
      </View>
      <ShiftList
        list={list}
        label="本社区的班次"
        empty="本社区还没有即将开始的班次"
        onOpen={(id) => void Taro.navigateTo({ url: `/packages/volunteer-organiser/shift/index?id=${id}` })}
      />
    </>
  );
}
