import { useCallback, useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { pageUrl, needsNewConsent, type UserView } from '@gongzhi/shared';
import { logout, hasSession } from '../../api/auth';
import { toApiError } from '../../api/errors';
import { getMe, renewConsent } from '../../api/me';
import { unreadMessageCount } from '../../api/notifications';
import { teamsILead } from '../../api/volunteer-teams';
import { a11y } from '../../components/a11y';
import { SwitchRow } from '../../components/choice-group';
import { ItemList, Pressable } from '../../components/links';
import { PageShell } from '../../components/page-shell';
import { FieldError, LoadState } from '../../components/status';
import { useLargeText } from '../../components/text-size';
import { Button } from '../../components/ui';
import { Profile } from './profile';
import '../../components/form.css';
import './mine.css';

type MineState =
  | { kind: 'anonymous' }
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; user: UserView; leadsTeams: boolean; unread: number | undefined };

const STAFF_ROLES: ReadonlySet<string> = new Set(['dispatcher', 'unit_staff', 'community_staff', 'admin']);
const isStaff = (user: UserView) => user.roles.some((binding) => STAFF_ROLES.has(binding.role));

function go(url: string) {
  void Taro.navigateTo({ url });
}

export default function MinePage() {
  const [state, setState] = useState<MineState>(() => (hasSession() ? { kind: 'loading' } : { kind: 'anonymous' }));
  const [largeText, setLargeText] = useLargeText();

  const load = useCallback(async () => {
    if (!hasSession()) {
      setState({ kind: 'anonymous' });
      return;
    }
    setState({ kind: 'loading' });
    try {
      // a team list that fails to load only hides the leaders' entry; an unread count, the count
      const [user, leadsTeams, unread] = await Promise.all([
        getMe(),
        teamsILead().then((led) => led.items.length > 0, () => false),
        unreadMessageCount().catch(() => undefined),
      ]);
      setState({ kind: 'ready', user, leadsTeams, unread });
    } catch (error) {
      // a refused refresh has already cleared the session: show the logged-out page
      setState(hasSession() ? { kind: 'failed', message: toApiError(error).message } : { kind: 'anonymous' });
    }
  }, []);

  useDidShow(() => {
    void load();
  });

  async function onLogout() {
    await logout();
    setState({ kind: 'anonymous' });
  }

  return (
    <PageShell title="我的">
      {state.kind === 'anonymous' ? (
        <View className="gz-card">
          <View className="gz-card-title">未登录</View>
          <View className="gz-muted">登录后可实名登记，参与社区共治。</View>
          <View className="gz-actions">
            <Button type="primary" block onClick={() => go(pageUrl('login'))}>
              登录
            </Button>
          </View>
        </View>
      ) : null}

      <LoadState
        loading={state.kind === 'loading'}
        error={state.kind === 'failed' ? state.message : undefined}
        onRetry={() => void load()}
      />

      {state.kind === 'ready' && needsNewConsent(state.user) ? (
        <ConsentNotice onAgreed={(user) => setState({ ...state, user })} />
      ) : null}

      {state.kind === 'ready' ? (
        <Profile user={state.user} onRegister={() => go(pageUrl('realName'))} />
      ) : null}

      {state.kind === 'ready' ? (
        <ItemList className="gz-card" label="消息">
          <Pressable className="gz-row" label={state.unread ? `消息中心，${state.unread}条未读` : '消息中心'} onPress={() => go(pageUrl('messages'))}>
            <View>消息中心</View>
            {state.unread ? <View className="gz-unread-count">{state.unread > 99 ? '99+' : state.unread}条未读 ›</View> : <View className="gz-muted">›</View>}
          </Pressable>
        </ItemList>
      ) : null}

      {state.kind === 'ready' ? (
        <ItemList className="gz-card" label="诉求">
          {isStaff(state.user) ? (
            <Pressable className="gz-row" label="工作台" onPress={() => go(pageUrl('workbench'))}>
              <View>工作台</View>
              <View className="gz-muted">分拨、办理、考核 ›</View>
            </Pressable>
          ) : null}
          <Pressable className="gz-row" label="我的诉求" onPress={() => go(pageUrl('complaintsMine'))}>
            <View>我的诉求</View>
            <View className="gz-muted">›</View>
          </Pressable>
        </ItemList>
      ) : null}

      {state.kind === 'ready' ? (
        <ItemList className="gz-card" label="志愿服务">
          <Pressable className="gz-row" label="志愿者" onPress={() => go(pageUrl('volunteers'))}>
            <View>志愿者</View>
            <View className="gz-muted">时长、星级、我的班次 ›</View>
          </Pressable>
          {state.leadsTeams ? (
            <Pressable className="gz-row" label="志愿服务队管理" onPress={() => go(pageUrl('organiser'))}>
              <View>志愿服务队管理</View>
              <View className="gz-muted">本队项目、发布班次 ›</View>
            </Pressable>
          ) : null}
        </ItemList>
      ) : null}

      <ItemList className="gz-card" label="设置">
        <SwitchRow label="大字模式" checked={largeText} onChange={setLargeText} />
        <Pressable className="gz-row" label="隐私政策" onPress={() => go(pageUrl('privacy'))}>
          <View>隐私政策</View>
          <View className="gz-muted">查看 ›</View>
        </Pressable>
        {state.kind === 'ready' ? (
          <Pressable
            className="gz-row"
            label="工作人员邀请码"
            onPress={() => go(pageUrl('staffInvitation'))}
          >
            <View>工作人员邀请码</View>
            <View className="gz-muted">绑定工作身份 ›</View>
          </Pressable>
        ) : null}
        {state.kind === 'ready' ? (
          <Pressable
            className="gz-row"
            label="注销账号"
            onPress={() => go(pageUrl('deleteAccount'))}
          >
            <View>注销账号</View>
            <View className="gz-muted">›</View>
          </Pressable>
        ) : null}
      </ItemList>

      {state.kind === 'ready' || state.kind === 'failed' ? (
        <View className="gz-actions">
          <Button block fill="outline" onClick={() => void onLogout()}>
            退出登录
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}

/** The privacy notice changed since this resident consented: say what changed and ask again. */
function ConsentNotice({ onAgreed }: { onAgreed: (user: UserView) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function agree() {
    setBusy(true);
    setError(undefined);
    try {
      onAgreed(await renewConsent());
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '隐私政策已更新' })}>
      <View className="gz-card-title">隐私政策已更新</View>
      <View className="gz-muted">
        新版说明了诉求中哪些内容会公开：类别、办理状态和大致位置；问题描述只有在您同意时才公开，并隐去电话、身份证号等个人信息。
      </View>
      <FieldError message={error} />
      <View className="gz-actions">
        <Button onClick={() => go(pageUrl('privacy'))}>阅读隐私政策</Button>
        <Button type="primary" disabled={busy} onClick={() => void agree()}>
          {busy ? '同意新版隐私政策（处理中）' : '同意新版隐私政策'}
        </Button>
      </View>
    </View>
  );
}
