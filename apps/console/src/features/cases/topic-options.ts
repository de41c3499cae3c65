import { TOPIC_CATEGORIES, TOPICS } from '@madoguchi/domain';

/** The topic taxonomy as grouped select options ('LAB.TIME 労働時間…'), in the user's language. */
export const topicOptions = (ja: boolean) =>
  TOPIC_CATEGORIES.map((category) => ({
    group: ja ? category.labelJa : category.labelEn,
    items: TOPICS.filter((topic) => topic.parent === category.code).map((topic) => ({
      value: topic.code,
      label: `${topic.code} ${ja ? topic.labelJa : topic.labelEn}`,
    })),
  }));
