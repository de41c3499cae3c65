import { loadOrder } from './load-order';

describe(loadOrder.name, () => {
  it('puts referenced tables first and keeps the given order otherwise', () => {
    expect(
      loadOrder(
        ['case', 'desk', 'organization', 'case_event'],
        [
          { table: 'case', references: 'organization' },
          { table: 'case', references: 'desk' },
          { table: 'case_event', references: 'case' },
          { table: 'organization', references: 'organization' },
        ],
      ),
    ).toEqual(['desk', 'organization', 'case', 'case_event']);
  });

  it('breaks a cycle at the earliest table instead of looping', () => {
    expect(
      loadOrder(
        ['desk', 'app_user', 'case'],
        [
          { table: 'desk', references: 'app_user' },
          { table: 'app_user', references: 'desk' },
          { table: 'case', references: 'app_user' },
        ],
      ),
    ).toEqual(['desk', 'app_user', 'case']);
  });
});
