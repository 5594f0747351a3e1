import { act, render, screen } from '@testing-library/react';
import { PageShell } from './page-shell';
import { setLargeText } from './text-size';

/** The element the page's text sits in: the root every page is rendered under. */
function pageRoot() {
  return screen.getByText('内容');
}

describe('large-text mode', () => {
  it('when it was never turned on, then the page root has no large-text class', () => {
    render(<PageShell>内容</PageShell>);
    expect(pageRoot()).toHaveClass('gz-page');
    expect(pageRoot()).not.toHaveClass('gz-large-text');
  });

  it('when it is turned on, then pages already open get the class and the choice is stored', () => {
    render(<PageShell>内容</PageShell>);
    act(() => setLargeText(true));
    expect(pageRoot()).toHaveClass('gz-large-text');
    expect(window.localStorage.getItem('gz.largeText')).toBe('1');
  });

  it('when it was turned on in an earlier launch, then a new page starts with the class', () => {
    window.localStorage.setItem('gz.largeText', '1');
    render(<PageShell>内容</PageShell>);
    expect(pageRoot()).toHaveClass('gz-large-text');
  });

  it('when it is turned off again, then the class goes away', () => {
    window.localStorage.setItem('gz.largeText', '1');
    render(<PageShell>内容</PageShell>);
    act(() => setLargeText(false));
    expect(pageRoot()).not.toHaveClass('gz-large-text');
    expect(window.localStorage.getItem('gz.largeText')).toBe('0');
  });
});
