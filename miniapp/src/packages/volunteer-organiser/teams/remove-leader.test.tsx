import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../../api/errors';
import { RemoveLeader } from './remove-leader';

const leader = { id: '64b0000000000000000000a1', name: '王*明', volunteerNumber: 'GZV2026123456' };

describe('removing a team leader', () => {
  it('when staff tap 移除队长 and then cancel, then nothing is sent', async () => {
    const onRemove = jest.fn().mockResolvedValue(undefined);
    render(<RemoveLeader teamName="莲花助老服务队" leader={leader} onRemove={onRemove} />);
    fireEvent.click(screen.getByLabelText('移除莲花助老服务队的队长王*明（GZV2026123456）'));
    expect(screen.getByText(/确定移除队长王\*明（GZV2026123456）？/)).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText('取消移除'));
    expect(screen.queryByText(/确定移除队长/)).not.toBeInTheDocument();
    expect(onRemove).not.toHaveBeenCalled();
  });

  it('when staff confirm, then the leader is removed by user id', async () => {
    const onRemove = jest.fn().mockResolvedValue(undefined);
    render(<RemoveLeader teamName="莲花助老服务队" leader={leader} onRemove={onRemove} />);
    fireEvent.click(screen.getByText('移除队长'));
    fireEvent.click(screen.getByLabelText('确认移除队长王*明（GZV2026123456）'));
    await waitFor(() => expect(onRemove).toHaveBeenCalledWith('64b0000000000000000000a1'));
  });

  it('when the leader is not a registered volunteer, then they can still be removed, named as such, by user id', async () => {
    const onRemove = jest.fn().mockResolvedValue(undefined);
    render(<RemoveLeader teamName="莲花助老服务队" leader={{ id: '64b0000000000000000000a2', name: '', volunteerNumber: null }} onRemove={onRemove} />);
    fireEvent.click(screen.getByLabelText('移除莲花助老服务队的队长未实名（未注册志愿者）'));
    fireEvent.click(screen.getByLabelText('确认移除队长未实名（未注册志愿者）'));
    await waitFor(() => expect(onRemove).toHaveBeenCalledWith('64b0000000000000000000a2'));
  });

  it('when the BFF refuses, then its message is shown and the question stays open', async () => {
    const onRemove = jest.fn().mockRejectedValue(new ApiError('FORBIDDEN', 403));
    render(<RemoveLeader teamName="莲花助老服务队" leader={leader} onRemove={onRemove} />);
    fireEvent.click(screen.getByText('移除队长'));
    fireEvent.click(screen.getByText('确认移除'));
    expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
    expect(screen.getByText(/确定移除队长/)).toBeInTheDocument();
  });
});
