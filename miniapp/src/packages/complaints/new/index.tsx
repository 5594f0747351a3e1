import { useCallback, useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CategoryView, CommunityView, ComplaintSummaryView, CreateComplaintBody, FollowComplaintBody, UserView } from '@gongzhi/shared';
import { hasSession } from '../../../api/auth';
import { listCategories } from '../../../api/catalogue';
import { fileComplaint, findSimilarComplaints, followComplaint } from '../../../api/complaints';
import { toApiError } from '../../../api/errors';
import { getMe } from '../../../api/me';
import { listAllCommunities } from '../../../api/reference';
import { PageShell } from '../../../components/page-shell';
import { useSubscribePrompt } from '../../../platform/subscribe';
import { LoadState } from '../../../components/status';
import { NeedsAccount } from '../../../components/needs-account';
import { ComplaintForm } from './complaint-form';
import '../../../components/form.css';
import '../../../components/common.css';
import { pageUrl } from '@gongzhi/shared';
import { toast } from '../../../components/toast';

interface Loaded {
  user: UserView;
  categories: CategoryView[];
  communities: CommunityView[];
}

export default function NewComplaintPage() {
  const [loaded, setLoaded] = useState<Loaded>();
  const [loadError, setLoadError] = useState<string>();
  const signedIn = hasSession();
  const askSubscriptions = useSubscribePrompt('complaint');

  const load = useCallback(async () => {
    if (!hasSession()) return;
    setLoadError(undefined);
    try {
      const user = await getMe();
      if (!user.verified) {
        setLoaded({ user, categories: [], communities: [] });
        return;
      }
      const [categories, communities] = await Promise.all([listCategories(), listAllCommunities()]);
      setLoaded({ user, categories, communities });
    } catch (error) {
      setLoadError(toApiError(error).message);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function submit(body: CreateComplaintBody, key: string) {
    const complaint = await fileComplaint(body, key);
    toast('诉求已提交');
    void Taro.redirectTo({ url: pageUrl('complaintDetail', { id: complaint.id }) });
  }

  async function follow(complaint: ComplaintSummaryView, position: FollowComplaintBody) {
    await followComplaint(complaint.id, position);
    toast('已关注');
    void Taro.redirectTo({ url: pageUrl('complaintDetail', { id: complaint.id }) });
  }

  return (
    <PageShell title="我要反映">
      {!signedIn || (loaded && !loaded.user.verified) ? (
        <NeedsAccount signedIn={signedIn} purpose="提交诉求" returnTo="complaintNew" />
      ) : (
        <>
          <LoadState loading={!loaded && !loadError} error={loadError} onRetry={() => void load()} />
          {loaded ? (
            <ComplaintForm
              categories={loaded.categories}
              communities={loaded.communities}
              defaultCommunityId={loaded.user.realName?.communityId}
              findSimilar={findSimilarComplaints}
              onFollow={follow}
              onSubmit={submit}
              askSubscriptions={askSubscriptions}
            />
          ) : null}
          <View className="gz-muted gz-paragraph">提交后可在“我的诉求”查看办理进度，办结后请对结果进行评价。</View>
        </>
      )}
    </PageShell>
  );
}
