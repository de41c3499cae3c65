import { SEARCH_WALK_CAP, searchDenseWindow } from './organizations.repository';

describe(searchDenseWindow.name, () => {
  it('looks through limit × organizations / 900 names: a full page there means ≥ 900 matches', () => {
    expect(searchDenseWindow(8, 900_000)).toBe(8_000);
    expect(searchDenseWindow(8, 330_000)).toBe(2_933);
  });

  it('never looks further than the walk would', () => {
    expect(searchDenseWindow(20, 3_000_000)).toBe(SEARCH_WALK_CAP);
  });

  it('does not look at all where the organizations are too few for the estimate', () => {
    expect(searchDenseWindow(8, 3_000)).toBe(0);
    expect(searchDenseWindow(8, 0)).toBe(0);
  });
});
