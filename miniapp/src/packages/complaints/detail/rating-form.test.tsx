import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../../api/errors';
import { RatingForm } from './rating-form';

function renderForm(canSendBack = true) {
  const onRate = jest.fn().mockResolvedValue(undefined);
  const onSendBack = jest.fn().mockResolvedValue(undefined);
  const view = render(<RatingForm canRate canSendBack={canSendBack} onRate={onRate} onSendBack={onSendBack} />);
  return { ...view, onRate, onSendBack };
}

function type(container: HTMLElement, name: string, value: string) {
  const input = container.querySelector(`taro-textarea-core[name="${name}"]`);
  if (!input) throw new Error(`no input named ${name}`);
  act(() => {
    input.dispatchEvent(new CustomEvent('input', { detail: { value } }));
  });
}

describe('rating form', () => {
  it('when submitted empty, then it asks for the satisfaction and whether it was resolved, and sends nothing', async () => {
    const { onRate } = renderForm();
    fireEvent.click(screen.getByText('提交评价'));
    expect(await screen.findByText('请选择满意程度')).toBeInTheDocument();
    expect(screen.getByText('请选择问题是否已解决')).toBeInTheDocument();
    expect(onRate).not.toHaveBeenCalled();
  });

  it('when a rating was refused, then choosing an answer removes its error at once, and the send-back reason is judged on its own', async () => {
    const { container } = renderForm();
    fireEvent.click(screen.getByText('提交评价'));
    expect(await screen.findByText('请选择满意程度')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: '满意' }));
    expect(screen.queryByText('请选择满意程度')).toBeNull();
    expect(screen.getByText('请选择问题是否已解决')).toBeInTheDocument();
    // the other form on the card shows nothing until it is itself submitted
    fireEvent.click(screen.getByText('不满意，退回重办'));
    type(container, 'sendBackReason', '没修');
    expect(screen.queryByText('请说明不满意的原因，5至500字')).toBeNull();
  });

  it('when rated 基本满意 and resolved without a comment, then the body has no empty comment', async () => {
    const { onRate } = renderForm();
    fireEvent.click(screen.getByRole('radio', { name: '基本满意' }));
    fireEvent.click(screen.getByRole('radio', { name: '已解决' }));
    fireEvent.click(screen.getByText('提交评价'));
    await waitFor(() => expect(onRate).toHaveBeenCalledWith({ satisfaction: 'basically_satisfied', resolved: true }));
  });

  it('when sending back with too short a reason, then the reason is asked for; with a reason, it is sent', async () => {
    const { container, onSendBack } = renderForm();
    fireEvent.click(screen.getByText('不满意，退回重办'));
    type(container, 'sendBackReason', '没修');
    fireEvent.click(screen.getByText('确认退回重办'));
    expect(await screen.findByText('请说明不满意的原因，5至500字')).toBeInTheDocument();
    expect(onSendBack).not.toHaveBeenCalled();
    type(container, 'sendBackReason', '路灯仍然不亮，晚上很危险');
    fireEvent.click(screen.getByText('确认退回重办'));
    await waitFor(() => expect(onSendBack).toHaveBeenCalledWith({ reason: '路灯仍然不亮，晚上很危险' }));
  });

  it('when the complaint moved on meanwhile, then the conflict message shows', async () => {
    const { onRate } = renderForm(false);
    onRate.mockRejectedValueOnce(new ApiError('COMPLAINT_STATE_CONFLICT', 409));
    fireEvent.click(screen.getByRole('radio', { name: '不满意' }));
    fireEvent.click(screen.getByRole('radio', { name: '未解决' }));
    fireEvent.click(screen.getByText('提交评价'));
    expect(await screen.findByText('该诉求的状态已经变化，请刷新后重试')).toBeInTheDocument();
    expect(screen.queryByText('不满意，退回重办')).toBeNull();
  });
});
