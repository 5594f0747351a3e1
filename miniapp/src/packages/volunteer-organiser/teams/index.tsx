import { useCallback, useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { TeamSummaryView } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { appointLeader, createTeam, listTeams, removeLeader } from '../../../api/volunteer-teams';
import { a11y } from '../../../components/a11y';
import { PageShell } from '../../../components/page-shell';
import { StaffNav } from '../../../components/staff-nav';
import { FieldError, LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { TextField } from '../../../components/text-field';
import { useAction } from '../../../components/use-action';
import { AppointForm } from './appoint-form';
import { RemoveLeader } from './remove-leader';
import '../../../components/form.css';
import '../../../components/common.css';
import '../../../components/volunteers/volunteers.css';
import { toast } from '../../../components/toast';

/** Community staff: the community's teams, a new team, leaders appointed by volunteer number. */
export default function TeamsPage() {
  const communityId = useRouter().params.communityId ?? '';
  const [teams, setTeams] = useState<TeamSummaryView[]>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      setTeams((await listTeams(communityId)).items);
    } catch (failure) {
      setError(toApiError(failure).message);
    }
  }, [communityId]);

  useEffect(() => {
    void load();
  }, [load]);

  const replace = (team: TeamSummaryView) => setTeams((current) => current?.map((t) => (t.id === team.id ? team : t)));

  return (
    <PageShell title="志愿服务队" nav={<StaffNav current="organiser" />}>
      <LoadState loading={!teams && !error} error={error} onRetry={() => void load()} />
      {teams ? <NewTeam communityId={communityId} onCreated={() => void load()} /> : null}
      {teams && teams.length === 0 ? <View className="gz-card gz-muted">本社区还没有志愿服务队</View> : null}
      {teams?.map((team) => (
        <View key={team.id} className="gz-card" {...a11y({ role: 'group', label: team.name })}>
          <View className="gz-card-title">{team.name}</View>
          {team.leaders.length === 0 ? <View className="gz-muted">尚未任命队长</View> : null}
          <View {...a11y({ role: 'list', label: `${team.name}的队长` })}>
            {team.leaders.map((leader) => (
              <View key={leader.id} className="gz-row" {...a11y({ role: 'listitem', label: `队长 ${leader.name} ${leader.volunteerNumber ?? '未注册志愿者'}` })}>
                <View>队长 {leader.name}</View>
                <View className="gz-muted">{leader.volunteerNumber ?? '未注册志愿者'}</View>
                <RemoveLeader
                  teamName={team.name}
                  leader={leader}
                  onRemove={async (leaderId) => {
                    replace(await removeLeader(team.id, leaderId));
                    toast('已移除队长');
                  }}
                />
              </View>
            ))}
          </View>
          <AppointForm
            teamName={team.name}
            onSubmit={async (volunteerNumber) => {
              replace(await appointLeader(team.id, { volunteerNumber }));
              toast('已任命队长');
            }}
          />
        </View>
      ))}
    </PageShell>
  );
}

function NewTeam({ communityId, onCreated }: { communityId: string; onCreated: () => void }) {
  const [name, setName] = useState('');
  const { busy, error, setError, run } = useAction();

  async function submit() {
    const trimmed = name.trim();
    if (trimmed.length < 2 || trimmed.length > 40) {
      setError('请填写服务队名称（2至40字）');
      return;
    }
    await run(async () => {
      await createTeam({ communityId, name: trimmed });
      setName('');
      onCreated();
    });
  }

  return (
    <View className="gz-card">
      <TextField label="新服务队名称" name="teamName" value={name} maxlength={40} placeholder="如：莲花助老服务队" onChange={setName} />
      <FieldError message={error} />
      <Button type="primary" block loading={busy} onClick={() => void submit()}>
        创建服务队
      </Button>
    </View>
  );
}
