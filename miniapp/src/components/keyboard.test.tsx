import { fireEvent, render, screen } from '@testing-library/react';
import { ChoiceGroup } from './choice-group';
import { ItemList, Pressable } from './links';

const CHOICES = [
  { value: 'a', label: '电话' },
  { value: 'b', label: '上门' },
] as const;

describe('controls drawn with views, used with a keyboard (H5)', () => {
  it('when a radio gets Space or Enter, then it is chosen; other keys do nothing', () => {
    const onChange = jest.fn();
    render(<ChoiceGroup label="联系方式" choices={CHOICES} value={undefined} onChange={onChange} />);
    const radio = screen.getByRole('radio', { name: '上门' });
    expect(radio).toHaveAttribute('tabindex', '0');
    fireEvent.keyDown(radio, { key: 'a' });
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.keyDown(radio, { key: ' ' });
    fireEvent.keyDown(radio, { key: 'Enter' });
    expect(onChange.mock.calls).toEqual([['b'], ['b']]);
  });

  it('when a labelled link is pressed with Enter, then it acts; its drawn content is hidden from assistive tech', () => {
    const onPress = jest.fn();
    render(
      <ItemList label="诉求">
        <Pressable label="我的诉求" onPress={onPress}>
          <span>我的诉求 ›</span>
        </Pressable>
        {null}
      </ItemList>,
    );
    const link = screen.getByRole('link', { name: '我的诉求' });
    fireEvent.keyDown(link, { key: 'Enter' });
    expect(onPress).toHaveBeenCalledTimes(1);
    expect(screen.getByText('我的诉求 ›').parentElement).toHaveAttribute('aria-hidden', 'true');
    // a list holds list items only, one per entry (the null is no entry)
    expect(screen.getByRole('list', { name: '诉求' }).children).toHaveLength(1);
    expect(screen.getByRole('listitem')).toContainElement(link);
  });
});
