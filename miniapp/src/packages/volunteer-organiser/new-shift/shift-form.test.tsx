import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../../api/errors';
import { DEMO_LOCATION } from '../../../platform/wechat';
import { ShiftForm } from './shift-form';

const COMMUNITY = '65a1b2c3d4e5f60718293a4b';

function renderForm() {
  const onSubmit = jest.fn().mockResolvedValue(undefined);
  const view = render(<ShiftForm communityId={COMMUNITY} onSubmit={onSubmit} />);
  return { ...view, onSubmit };
}

function type(container: HTMLElement, name: string, value: string) {
  const input = container.querySelector(`taro-input-core[name="${name}"], taro-textarea-core[name="${name}"]`);
  if (!input) throw new Error(`no input named ${name}`);
  act(() => {
    input.dispatchEvent(new CustomEvent('input', { detail: { value } }));
  });
}

/** What Taro's Picker reports when a date or time is chosen on its wheel. */
function pick(container: HTMLElement, name: string, value: string) {
  const picker = container.querySelector(`taro-picker-core[name="${name}"]`);
  if (!picker) throw new Error(`no picker named ${name}`);
  act(() => {
    picker.dispatchEvent(new CustomEvent('change', { detail: { value } }));
  });
}

describe('organiser shift form', () => {
  it('when it opens from a mutual-aid ask, then its words, place and time are filled in and it can be published as it stands', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    render(
      <ShiftForm
        communityId={COMMUNITY}
        onSubmit={onSubmit}
        initial={{ title: '邻里互助：跑腿代购', description: '腿脚不便，请帮忙买米（来自社区互助）', address: '莲花小区3栋附近', lat: '22.543', lng: '114.058', date: '2026-12-06', startTime: '14:00', endTime: '16:00' }}
      />,
    );
    expect(screen.getByLabelText('日期：2026-12-06，点按更改')).toBeInTheDocument();
    fireEvent.click(screen.getByText('发布班次'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const { project, shift } = onSubmit.mock.calls[0][0];
    expect(project).toEqual({ communityId: COMMUNITY, title: '邻里互助：跑腿代购', description: '腿脚不便，请帮忙买米（来自社区互助）' });
    expect(shift).toMatchObject({ place: { point: { lat: 22.543, lng: 114.058 }, address: '莲花小区3栋附近' }, startAt: '2026-12-06T14:00:00+08:00' });
  });

  it('when submitted empty, then the title, content, address and place are asked for and nothing is sent', async () => {
    const { onSubmit } = renderForm();
    fireEvent.click(screen.getByText('发布班次'));
    expect(await screen.findByText('请填写项目名称（2至60字）')).toBeInTheDocument();
    expect(screen.getByText('请填写服务内容（2至2000字）')).toBeInTheDocument();
    expect(screen.getByText('请填写服务地点的地址')).toBeInTheDocument();
    expect(screen.getByText('请选择服务地点的位置')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('when filled with the demo point and a skill, then the project and shift go out together', async () => {
    const { container, onSubmit } = renderForm();
    type(container, 'title', '社区义诊引导');
    type(container, 'description', '引导居民排队、测量血压');
    fireEvent.click(screen.getByText('使用演示坐标'));
    pick(container, 'date', '2026-12-05');
    pick(container, 'startTime', '14:00');
    pick(container, 'endTime', '16:00');
    expect(screen.getByLabelText('日期：2026-12-05，点按更改')).toHaveAttribute('role', 'button');
    expect(screen.getByLabelText('开始时间：14:00，点按更改')).toHaveAttribute('role', 'button');
    type(container, 'capacity', '3');
    fireEvent.click(screen.getByRole('checkbox', { name: '应急救护' }));
    fireEvent.click(screen.getByText('发布班次'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const { project, shift } = onSubmit.mock.calls[0][0];
    expect(project).toEqual({ communityId: COMMUNITY, title: '社区义诊引导', description: '引导居民排队、测量血压' });
    expect(shift).toMatchObject({
      place: { point: DEMO_LOCATION.point, address: DEMO_LOCATION.address, radiusM: 200 },
      startAt: '2026-12-05T14:00:00+08:00',
      endAt: '2026-12-05T16:00:00+08:00',
      capacity: 3,
      requiredSkills: ['first_aid'],
      signupDeadline: '2026-12-05T14:00:00+08:00',
      cancelCutoff: '2026-12-05T12:00:00+08:00',
    });
  });

  it('when dates and times are chosen, then they are pickers with visible labels, not text boxes', () => {
    const { container } = renderForm();
    for (const label of ['日期', '开始时间', '结束时间']) {
      expect(screen.getByText(label)).toBeInTheDocument();
      expect(screen.queryByRole('textbox', { name: label })).not.toBeInTheDocument();
    }
    expect(container.querySelector('taro-picker-core[name="date"]')?.getAttribute('mode')).toBe('date');
    expect(container.querySelector('taro-picker-core[name="startTime"]')?.getAttribute('mode')).toBe('time');
    expect(screen.getByLabelText('开始时间：09:00，点按更改')).toHaveAttribute('role', 'button');
  });

  it('when the BFF refuses, then its message shows', async () => {
    const { container, onSubmit } = renderForm();
    onSubmit.mockRejectedValueOnce(new ApiError('FORBIDDEN', 403));
    type(container, 'title', '社区义诊引导');
    type(container, 'description', '引导居民排队');
    fireEvent.click(screen.getByText('使用演示坐标'));
    fireEvent.click(screen.getByText('发布班次'));
    expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
    expect(onSubmit).toHaveBeenCalled();
  });
});
