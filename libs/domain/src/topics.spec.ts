import { isTopicCode, TOPIC_CATEGORIES, TOPICS, topicParent } from './topics';

describe('topics', () => {
  it('has the ten labour and eight ICT topics of DOMAIN.md', () => {
    expect(TOPICS.filter((t) => t.parent === 'LAB')).toHaveLength(10);
    expect(TOPICS.filter((t) => t.parent === 'ICT')).toHaveLength(8);
    expect(new Set(TOPICS.map((t) => t.code)).size).toBe(TOPICS.length);
  });

  it('nests every topic under a known category', () => {
    const categories = TOPIC_CATEGORIES.map((c) => c.code as string);
    for (const topic of TOPICS) {
      expect(topic.code.startsWith(`${topic.parent}.`)).toBe(true);
      expect(categories).toContain(topic.parent);
    }
  });

  it('validates codes', () => {
    expect(isTopicCode('LAB.TIME')).toBe(true);
    expect(isTopicCode('LAB')).toBe(false);
    expect(isTopicCode('lab.time')).toBe(false);
    expect(topicParent('ICT.SEC')).toBe('ICT');
  });
});
