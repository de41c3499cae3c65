import type { CaseStatusLabels } from './labels';
import { labelOf } from './labels';

describe(labelOf.name, () => {
  const statuses: CaseStatusLabels = {
    new: '新規',
    in_progress: '対応中',
    waiting_on_customer: '相談者の返答待ち',
    referred_to_expert: '専門家へ紹介',
    in_sessions: '専門家派遣中',
    follow_up: 'フォローアップ',
    resolved: '解決',
    closed: '完了',
  };

  it('labels a known code and nothing else, not even what every object inherits', () => {
    expect(labelOf(statuses, 'closed')).toBe('完了');
    expect(labelOf(statuses, 'archived')).toBeUndefined();
    expect(labelOf(statuses, 'constructor')).toBeUndefined();
  });
});
