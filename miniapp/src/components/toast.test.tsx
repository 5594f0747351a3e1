import { act, render, screen } from '@testing-library/react';
import { Toast, TOAST_MS, toast } from './toast';

describe('toast', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('when a page says something and the next page opens, then the next page shows it until its time is up', () => {
    const first = render(<Toast />);
    act(() => toast('诉求已提交'));
    expect(screen.getByRole('status').textContent).toBe('诉求已提交');
    first.unmount(); // the page that said it is gone (redirectTo)

    render(<Toast />);
    expect(screen.getByRole('status').textContent).toBe('诉求已提交');
    act(() => jest.advanceTimersByTime(TOAST_MS - 100));
    expect(screen.getByRole('status').textContent).toBe('诉求已提交');
    act(() => jest.advanceTimersByTime(200));
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('when a second toast follows, then it replaces the first and gets its own full time', () => {
    render(<Toast />);
    act(() => toast('已关注'));
    act(() => jest.advanceTimersByTime(TOAST_MS - 500));
    act(() => toast('感谢您的评价'));
    act(() => jest.advanceTimersByTime(1000));
    expect(screen.getByRole('status').textContent).toBe('感谢您的评价');
    act(() => jest.advanceTimersByTime(TOAST_MS));
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
