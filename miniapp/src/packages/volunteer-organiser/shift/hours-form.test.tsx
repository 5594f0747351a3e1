import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../../api/errors';
import { HoursForm } from './hours-form';

function renderForm(confirmedHours: number | null = null) {
  const onConfirm = jest.fn().mockResolvedValue(undefined);
  const view = render(<HoursForm who="张*三" computedHours={1.5} confirmedHours={confirmedHours} onConfirm={onConfirm} />);
  return { ...view, onConfirm };
}

function type(container: HTMLElement, name: string, value: string) {
  const input = container.querySelector(`taro-input-core[name="${name}"]`);
  if (!input) throw new Error(`no input named ${name}`);
  act(() => {
    input.dispatchEvent(new CustomEvent('input', { detail: { value } }));
  });
}

describe('confirming a volunteer’s hours', () => {
  it('when the organiser confirms as computed, then the body is empty (the BFF takes its own computation)', async () => {
    const { onConfirm } = renderForm();
    expect(screen.getByText('系统计算：1.5小时；尚未确认')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '确认时长：张*三' }));
    await waitFor(() => expect(onConfirm).toHaveBeenCalledWith({}));
  });

  it('when adjusting without a reason, then the reason is asked for; with one, hours and reason are sent', async () => {
    const { container, onConfirm } = renderForm();
    fireEvent.click(screen.getByRole('button', { name: '调整时长：张*三' }));
    type(container, 'adjustHours', '2');
    fireEvent.click(screen.getByRole('button', { name: '按调整确认：张*三' }));
    expect(await screen.findByText('调整时长须说明原因（2至200字）')).toBeInTheDocument();
    expect(onConfirm).not.toHaveBeenCalled();
    type(container, 'adjustReason', '提前到场布置会场');
    fireEvent.click(screen.getByRole('button', { name: '按调整确认：张*三' }));
    await waitFor(() => expect(onConfirm).toHaveBeenCalledWith({ hours: 2, reason: '提前到场布置会场' }));
  });

  it('when a refused adjustment is corrected, then the error goes as it is typed; reopened after 不调整, the form starts clean', async () => {
    const { container } = renderForm();
    fireEvent.click(screen.getByRole('button', { name: '调整时长：张*三' }));
    fireEvent.click(screen.getByRole('button', { name: '按调整确认：张*三' }));
    expect(await screen.findByText('调整时长须说明原因（2至200字）')).toBeInTheDocument();
    type(container, 'adjustReason', '提前到场');
    expect(screen.queryByText('调整时长须说明原因（2至200字）')).toBeNull();
    type(container, 'adjustReason', '');
    expect(screen.getByText('调整时长须说明原因（2至200字）')).toBeInTheDocument();
    fireEvent.click(screen.getByText('不调整'));
    fireEvent.click(screen.getByRole('button', { name: '调整时长：张*三' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('when the hours are not a number of hours in a day, then they are refused', async () => {
    const { container, onConfirm } = renderForm();
    fireEvent.click(screen.getByRole('button', { name: '调整时长：张*三' }));
    type(container, 'adjustHours', '25');
    type(container, 'adjustReason', '录入错误');
    fireEvent.click(screen.getByRole('button', { name: '按调整确认：张*三' }));
    expect(await screen.findByText('请填写0至24之间的小时数')).toBeInTheDocument();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('when hours were already confirmed, then only a correction is offered, and a refusal shows its message', async () => {
    const { container, onConfirm } = renderForm(1.5);
    expect(screen.queryByRole('button', { name: '确认时长：张*三' })).toBeNull();
    onConfirm.mockRejectedValueOnce(new ApiError('HOURS_ALREADY_CONFIRMED', 409));
    fireEvent.click(screen.getByRole('button', { name: '更正时长：张*三' }));
    type(container, 'adjustHours', '1');
    type(container, 'adjustReason', '中途离开半小时');
    fireEvent.click(screen.getByRole('button', { name: '提交更正：张*三' }));
    expect(await screen.findByText('该时长已确认')).toBeInTheDocument();
  });
});
