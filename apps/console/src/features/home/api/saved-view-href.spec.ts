import { savedViewHref } from './use-my-work';

describe(savedViewHref.name, () => {
  it('writes a saved view’s filters as the case list reads them from its address', () => {
    expect(savedViewHref({ view: 'mine' })).toBe('/cases?view=mine');
    expect(savedViewHref({ status: ['new', 'in_progress'], deskId: 'kanto', q: '' })).toBe(
      '/cases?status=new%2Cin_progress&deskId=kanto',
    );
    expect(savedViewHref({})).toBe('/cases');
  });
});
