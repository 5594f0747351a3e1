import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../api/errors';
import { ScoreForm } from './score-form';

function renderForm(onSubmit = jest.fn().mockResolvedValue(undefined)) {
  const view = render(<ScoreForm title="评价本次服务" name="shift" submitLabel="提交评价" onSubmit={onSubmit} />);
  return { ...view, onSubmit };
}

function type(container: HTMLElement, value: string) {
  const input = container.querySelector('taro-input-core[name="shiftComment"]');
  if (!input) throw new Error('no comment box');
  act(() => {
    input.dispatchEvent(new CustomEvent('input', { detail: { value } }));
  });
}

describe('a 1–5 score with a comment', () => {
  it('when sent without a score, then the score is asked for beside the choices and goes once one is picked', async () => {
    const { onSubmit } = renderForm();
    fireEvent.click(screen.getByText('提交评价'));
    const error = await screen.findByText('请选择评分');
    expect(error.parentElement).toContainElement(screen.getByRole('radio', { name: '5分 非常好' }));
    fireEvent.click(screen.getByRole('radio', { name: '4分 好' }));
    expect(screen.queryByText('请选择评分')).toBeNull();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('when the comment is too long, then the comment is named, not the score; shortened, it is sent', async () => {
    const { container, onSubmit } = renderForm();
    fireEvent.click(screen.getByRole('radio', { name: '5分 非常好' }));
    type(container, '好'.repeat(201));
    fireEvent.click(screen.getByText('提交评价'));
    expect(await screen.findByText('评价内容不超过200字')).toBeInTheDocument();
    expect(screen.queryByText('请选择评分')).toBeNull();
    type(container, '准时到场，耐心细致');
    expect(screen.queryByText('评价内容不超过200字')).toBeNull();
    fireEvent.click(screen.getByText('提交评价'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ score: 5, comment: '准时到场，耐心细致' }));
  });

  it('when the BFF refuses, then its message shows under the form', async () => {
    renderForm(jest.fn().mockRejectedValue(new ApiError('FORBIDDEN', 403)));
    fireEvent.click(screen.getByRole('radio', { name: '3分 一般' }));
    fireEvent.click(screen.getByText('提交评价'));
    expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
  });
});
