import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../../api/errors';
import { AppointForm } from './appoint-form';

function type(container: HTMLElement, value: string) {
  const input = container.querySelector('taro-input-core[name="volunteerNumber"]');
  if (!input) throw new Error('no volunteer number input');
  act(() => {
    input.dispatchEvent(new CustomEvent('input', { detail: { value } }));
  });
}

describe('appointing a team leader by volunteer number', () => {
  it('when the number is malformed, then it is asked for again and nothing is sent', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    const { container } = render(<AppointForm teamName="莲花助老服务队" onSubmit={onSubmit} />);
    type(container, 'GZV2026');
    fireEvent.click(screen.getByText('任命队长'));
    expect(await screen.findByText('请填写志愿者编号（GZV 加 10 位数字）')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
    type(container, 'GZV2026123456');
    expect(screen.queryByText('请填写志愿者编号（GZV 加 10 位数字）')).toBeNull();
  });

  it('when a leader is appointed, then the emptied box is not called wrong', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    const { container } = render(<AppointForm teamName="莲花助老服务队" onSubmit={onSubmit} />);
    fireEvent.click(screen.getByText('任命队长'));
    expect(await screen.findByText('请填写志愿者编号（GZV 加 10 位数字）')).toBeInTheDocument();
    type(container, 'GZV2026123456');
    fireEvent.click(screen.getByText('任命队长'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith('GZV2026123456'));
    await waitFor(() => expect(container.querySelector('taro-input-core[name="volunteerNumber"]')).toHaveAttribute('value', ''));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('when a number typed in lower case is sent, then it goes out in capitals', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    const { container } = render(<AppointForm teamName="莲花助老服务队" onSubmit={onSubmit} />);
    type(container, 'gzv2026123456');
    fireEvent.click(screen.getByText('任命队长'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith('GZV2026123456'));
  });

  it('when the BFF knows no such volunteer, then its message is shown', async () => {
    const onSubmit = jest.fn().mockRejectedValue(new ApiError('VOLUNTEER_NOT_REGISTERED', 404));
    const { container } = render(<AppointForm teamName="莲花助老服务队" onSubmit={onSubmit} />);
    type(container, 'GZV2026000000');
    fireEvent.click(screen.getByText('任命队长'));
    expect(await screen.findByText('请先注册成为志愿者')).toBeInTheDocument();
  });
});
