import { useRef } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { createProject, createShift } from '../../../api/volunteers';
import { PageShell } from '../../../components/page-shell';
import { StaffNav } from '../../../components/staff-nav';
import { ShiftForm } from './shift-form';
import type { ShiftSubmission } from './validate';
import '../../../components/form.css';
import '../../../components/common.css';
import '../../../components/volunteers/volunteers.css';
import { pageUrl } from '@gongzhi/shared';
import { toast } from '../../../components/toast';

export default function NewShiftPage() {
  const params = useRouter().params;
  const communityId = params.communityId ?? '';
  // a team leader publishes as a project of their team (the BFF checks the leadership)
  const teamId = params.teamId;
  // a mutual-aid ask nobody answered, passed to the volunteers (社区互助 → 转为志愿服务岗位)
  const from = (name: string) => {
    const value = params[name];
    if (!value) return undefined;
    try {
      return decodeURIComponent(value);
    } catch {
      return value; // already decoded, with a % of its own
    }
  };
  const initial = Object.fromEntries(
    (['title', 'description', 'address', 'lat', 'lng', 'date', 'startTime', 'endTime'] as const).flatMap((k) => (from(k) !== undefined ? [[k, from(k)!]] : [])),
  );
  // when the shift is refused after its project was made, a corrected retry reuses that project
  const projectMade = useRef<{ key: string; id: string }>();

  async function publish({ project, shift }: ShiftSubmission) {
    const key = JSON.stringify(project);
    if (projectMade.current?.key !== key) projectMade.current = { key, id: (await createProject(teamId ? { ...project, teamId } : project)).id };
    const published = await createShift(projectMade.current.id, shift);
    toast('班次已发布');
    void Taro.redirectTo({ url: pageUrl('organiserShift', { id: published.id }) });
  }

  return (
    <PageShell title="发布班次" nav={<StaffNav current="organiser" />}>
      <ShiftForm communityId={communityId} onSubmit={publish} initial={initial} />
    </PageShell>
  );
}
