import { Button, Group, List, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface LinkedItem {
  id: string;
  label: string;
  /** How the item is named in its unlink button's accessible name. */
  name: string;
}

interface Props {
  heading: string;
  testId: string;
  linked: LinkedItem[];
  onUnlink: (id: string) => void;
  /** The picker: what may still be linked, and its texts. */
  options: { value: string; label: string }[];
  pickLabel: string;
  nothingFound: string;
  linkLabel: string;
  linking: boolean;
  /** Links the picked item; `done` empties the picker once the link is made. */
  onLink: (id: string, done: () => void) => void;
}

/** One kind of link of an activity (events or referrals): the linked ones, and a picker to add. */
export function LinkList({
  heading,
  testId,
  linked,
  onUnlink,
  options,
  pickLabel,
  nothingFound,
  linkLabel,
  linking,
  onLink,
}: Props) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string | null>(null);
  return (
    <>
      <Text size="sm" fw={700}>
        {heading}
      </Text>
      <List size="sm" spacing={4} data-testid={testId}>
        {linked.map((item) => (
          <List.Item key={item.id}>
            <Group gap="xs">
              <span>{item.label}</span>
              <Button
                size="compact-xs"
                variant="subtle"
                aria-label={t('partnerPlans.links.unlinkNamed', { name: item.name })}
                onClick={() => onUnlink(item.id)}
              >
                {t('partnerPlans.links.unlink')}
              </Button>
            </Group>
          </List.Item>
        ))}
      </List>
      <Group align="flex-end">
        <Select
          label={pickLabel}
          searchable
          clearable
          nothingFoundMessage={nothingFound}
          data={options}
          value={picked}
          onChange={setPicked}
          flex={1}
        />
        <Button
          disabled={!picked}
          loading={linking}
          onClick={() => picked && onLink(picked, () => setPicked(null))}
        >
          {linkLabel}
        </Button>
      </Group>
    </>
  );
}
