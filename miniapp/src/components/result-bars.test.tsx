import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { moved, RankList } from './rank-list';
import { ResultBars, shareText } from './result-bars';

describe('ResultBars', () => {
  it('when results are shown, then every bar states its votes and share in words', () => {
    render(<ResultBars label="结果" total={8} bars={[{ key: 'a', label: '加装电梯', count: 3 }, { key: 'b', label: '增设停车位', count: 5 }]} />);
    const items = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toEqual(['加装电梯3票 · 37.5%', '增设停车位5票 · 62.5%']);
  });

  it('when nobody has answered, then shares are 0% rather than not-a-number', () => {
    expect(shareText(0, 0)).toBe('0.0%');
  });
});

describe('RankList', () => {
  it('when an item moves past either end, then the order is unchanged', () => {
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
  });

  it('when 下移 is pressed on the first option, then it becomes second and says so', () => {
    function Harness() {
      const [order, setOrder] = useState(['lift', 'parking']);
      return <RankList label="排序" choices={[{ value: 'lift', label: '加装电梯' }, { value: 'parking', label: '增设停车位' }]} order={order} onChange={setOrder} />;
    }
    render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: '加装电梯下移' }));
    expect(screen.getAllByRole('listitem').map((item) => item.textContent?.replace(/上移|下移/g, ''))).toEqual(['第1位：增设停车位', '第2位：加装电梯']);
  });
});
