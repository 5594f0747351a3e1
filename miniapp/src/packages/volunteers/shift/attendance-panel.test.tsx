import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../../api/errors';
import { DEMO_POSITION } from '../../../platform/wechat';
import { AttendancePanel } from './attendance-panel';

function renderPanel() {
  const onCheckIn = jest.fn().mockResolvedValue(undefined);
  const onCheckOut = jest.fn().mockResolvedValue(undefined);
  const view = render(<AttendancePanel onCheckIn={onCheckIn} onCheckOut={onCheckOut} />);
  return { ...view, onCheckIn, onCheckOut };
}

function paste(container: HTMLElement, value: string) {
  const input = container.querySelector('taro-input-core[name="attendanceToken"]');
  if (!input) throw new Error('no token field');
  act(() => {
    input.dispatchEvent(new CustomEvent('input', { detail: { value } }));
  });
}

describe('check-in panel in the H5 build', () => {
  it('when nothing is pasted, then it asks for the code shown on the organiser page and sends nothing', async () => {
    const { onCheckIn } = renderPanel();
    fireEvent.click(screen.getByText('扫码签到'));
    expect(await screen.findByText('请填写组织者页面上显示的签到码')).toBeInTheDocument();
    expect(onCheckIn).not.toHaveBeenCalled();
  });

  it('when a code is pasted, then check-in sends it with the demo position and says it worked', async () => {
    const { container, onCheckIn, onCheckOut } = renderPanel();
    paste(container, '  v1.abcdef0123456789.sig  ');
    fireEvent.click(screen.getByText('扫码签到'));
    await waitFor(() => expect(onCheckIn).toHaveBeenCalledWith({ token: 'v1.abcdef0123456789.sig', position: DEMO_POSITION }));
    expect(await screen.findByText('✓ 签到成功')).toBeInTheDocument();
    expect(onCheckOut).not.toHaveBeenCalled();
  });

  it('when a code is too short to be one, then it is refused before any call', async () => {
    const { container, onCheckOut } = renderPanel();
    paste(container, 'abc');
    fireEvent.click(screen.getByText('扫码签退'));
    expect(await screen.findByText('签到码不完整，请重新扫码或粘贴')).toBeInTheDocument();
    expect(onCheckOut).not.toHaveBeenCalled();
    paste(container, 'v1.abcdef0123456789.sig');
    expect(screen.queryByText('签到码不完整，请重新扫码或粘贴')).toBeNull();
  });

  it('when a check-in succeeds, then the emptied code box is not called wrong', async () => {
    const { container, onCheckIn } = renderPanel();
    fireEvent.click(screen.getByText('扫码签到'));
    expect(await screen.findByText('请填写组织者页面上显示的签到码')).toBeInTheDocument();
    paste(container, 'v1.abcdef0123456789.sig');
    fireEvent.click(screen.getByText('扫码签到'));
    expect(await screen.findByText('✓ 签到成功')).toBeInTheDocument();
    expect(onCheckIn).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('when the BFF says the code expired or the place is wrong, then its message shows', async () => {
    const { container, onCheckOut } = renderPanel();
    onCheckOut.mockRejectedValueOnce(new ApiError('OUT_OF_GEOFENCE', 400));
    paste(container, 'v1.abcdef0123456789.sig');
    fireEvent.click(screen.getByText('扫码签退'));
    expect(await screen.findByText('您不在服务地点范围内')).toBeInTheDocument();
  });
});
