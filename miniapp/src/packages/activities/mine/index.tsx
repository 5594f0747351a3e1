import { View } from '@tarojs/components';
// the page frame's styles first (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { myActivities } from '../../../api/activities';
import { ItemList } from '../../../components/links';
import { LoadState } from '../../../components/status';
import { useLoaded } from '../../../components/use-loaded';
import { ActivityCard } from '../activity-card';
import '../../../components/form.css';
import '../../../components/common.css';

/** The activities I registered for, with where I stand in each. */
export default function MyActivitiesPage() {
  const loaded = useLoaded(() => myActivities(), 'mine');
  return (
    <PageShell title="我报名的活动">
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      {loaded.value ? (
        loaded.value.items.length ? (
          <ItemList className="gz-card" label="我报名的活动">
            {loaded.value.items.map((a) => (
              <ActivityCard key={a.id} activity={a} />
            ))}
          </ItemList>
        ) : (
          <View className="gz-card gz-muted">还没有报名过活动</View>
        )
      ) : null}
    </PageShell>
  );
}
