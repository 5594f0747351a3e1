import { PAGES, pagePath, pageUrl } from './pages';

describe('the page table', () => {
  it('when a page is linked with a query, then values are encoded and missing ones left out', () => {
    expect(pageUrl('complaintDetail', { id: '64a1' })).toBe('/packages/complaints/detail/index?id=64a1');
    expect(pagePath('organiserQr', { id: 'x', purpose: 'check in' })).toBe('packages/volunteer-organiser/qr/index?id=x&purpose=check%20in');
    expect(pageUrl('organiserNewShift', { communityId: undefined })).toBe('/packages/volunteer-organiser/new-shift/index');
    expect(pageUrl('home')).toBe('/pages/index/index');
  });

  it('when names are listed, then no two name the same page', () => {
    const paths = Object.values(PAGES);
    expect(new Set(paths).size).toBe(paths.length);
  });
});
