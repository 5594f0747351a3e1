import { act, fireEvent, render, screen } from '@testing-library/react';
import type { ComplaintView } from '@gongzhi/shared';
import { ActionPanel } from './action-panel';

// only what the panel reads: which moves are offered, and the complaint's id
const VIEW = { id: '65a0000000000000000000c1', allowedActions: ['recordContact'], viewerAssists: false } as unknown as ComplaintView;

function type(container: HTMLElement, name: string, value: string) {
  const box = container.querySelector(`taro-textarea-core[name="${name}"]`);
  if (!box) throw new Error(`no box named ${name}`);
  act(() => {
    box.dispatchEvent(new CustomEvent('input', { detail: { value } }));
  });
}

describe('a staff action form', () => {
  it('when confirmed half filled, then each missing answer is named and goes as it is given, without confirming again', async () => {
    const { container } = render(<ActionPanel view={VIEW} loadUnits={jest.fn().mockResolvedValue([])} onDone={jest.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: '联系诉求人' }));
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByText('确认已联系'));
    expect(await screen.findByText('请选择联系方式')).toBeInTheDocument();
    expect(screen.getByText('请填写联系情况，2至500字')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: '电话' }));
    expect(screen.queryByText('请选择联系方式')).toBeNull();
    type(container, 'recordContact-note', '已电话联系，约定明早上门');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
