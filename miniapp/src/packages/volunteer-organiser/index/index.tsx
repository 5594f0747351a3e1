import { useCallback, useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CommunityView, LedTeamView } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { getMe } from '../../../api/me';
import { listAllCommunities } from '../../../api/reference';
import { teamsILead } from '../../../api/volunteer-teams';
import { listShifts } from '../../../api/volunteers';
import { a11y } from '../../../components/a11y';
import { PageShell } from '../../../components/page-shell';
import { StaffNav } from '../../../components/staff-nav';
import { LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { ChoiceGroup } from '../../../components/choice-group';
import { usePagedList } from '../../../components/paged-list';
import { todayInChina } from '../../../components/volunteers/dates';
import { ShiftList } from '../../../components/volunteers/shift-list';
import { isOrganiser, organisedCommunities } from '../organiser';
import '../../../components/form.css';
import '../../../components/common.css';
import '../../../components/volunteers/volunteers.css';
import { pageUrl } from '@gongzhi/shared';

export default function OrganiserHomePage() {
  const [communities, setCommunities] = useState<CommunityView[]>();
  const [communityId, setCommunityId] = useState<string>();
  const [ledTeams, setLedTeams] = useState<LedTeamView[]>([]);
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      const [me, all, led] = await Promise.all([getMe(), listAllCommunities(), teamsILead()]);
      setLedTeams(led.items);
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
    <PageShell title="志愿服务管理" nav={<StaffNav current="organiser" />}>
      <LoadState loading={!communities && !error} error={error} onRetry={() => void load()} />
      {ledTeams.map((team) => (
        <LedTeam key={team.id} team={team} />
      ))}
      {communities && communities.length === 0 && ledTeams.length === 0 ? <View className="gz-card">您的账号不是社区工作人员，无法发布志愿服务班次。</View> : null}
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

/** A team the caller leads: its projects, and a shift published as a new project of the team. */
function LedTeam({ team }: { team: LedTeamView }) {
  return (
    <View className="gz-card" {...a11y({ role: 'group', label: `我带领的${team.name}` })}>
      <View className="gz-card-title">{team.name}</View>
      {team.projects.length === 0 ? <View className="gz-muted">本队还没有服务项目</View> : null}
      <View {...a11y({ role: 'list', label: `${team.name}的项目` })}>
        {team.projects.map((project) => (
          <View key={project.id} className="gz-row" {...a11y({ role: 'listitem', label: project.title })}>
            <View>{project.title}</View>
            <View className="gz-muted">{project.description}</View>
          </View>
        ))}
      </View>
      <View className="gz-actions">
        <Button
          type="primary"
          block
          onClick={() => void Taro.navigateTo({ url: pageUrl('organiserNewShift', { communityId: team.communityId, teamId: team.id }) })}
        >
          为本队发布班次
        </Button>
      </View>
      <TeamShifts communityId={team.communityId} projectIds={team.projects.map((p) => p.id)} label={`${team.name}的班次`} />
    </View>
  );
}

function TeamShifts({ communityId, projectIds, label }: { communityId: string; projectIds: string[]; label: string }) {
  const own = new Set(projectIds);
  const list = usePagedList(async (cursor) => {
    const page = await listShifts({ communityId, from: todayInChina() }, cursor);
    return { ...page, items: page.items.filter((shift) => own.has(shift.projectId)) };
  }, `${communityId}:${projectIds.join(',')}`);
  return (
    <ShiftList
      list={list}
      label={label}
      empty="本队还没有即将开始的班次"
      onOpen={(id) => void Taro.navigateTo({ url: pageUrl('organiserShift', { id }) })}
    />
  );
}

function CommunityShifts({ communityId }: { communityId: string }) {
  const list = usePagedList((cursor) => listShifts({ communityId, from: todayInChina() }, cursor), communityId);
  return (
    <>
      <View className="gz-actions">
        <Button block fill="outline" onClick={() => void Taro.navigateTo({ url: pageUrl('organiserTeams', { communityId }) })}>
          志愿服务队
        </Button>
      </View>
      <View className="gz-actions">
        <Button
          block
          fill="outline"
          {...a11y({ label: '志愿服务证明的负责人与联系方式' })}
          onClick={() => void Taro.navigateTo({ url: pageUrl('organiserCertificateIssuer', { communityId }) })}
        >
          证明负责人与联系方式
        </Button>
      </View>
      <View className="gz-actions">
        <Button type="primary" block onClick={() => void Taro.navigateTo({ url: pageUrl('organiserNewShift', { communityId }) })}>
          发布班次
        </Button>
      </View>
      <ShiftList
        list={list}
        label="本社区的班次"
        empty="本社区还没有即将开始的班次"
        onOpen={(id) => void Taro.navigateTo({ url: pageUrl('organiserShift', { id }) })}
      />
    </>
  );
}
