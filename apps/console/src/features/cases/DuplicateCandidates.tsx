import { PREFECTURES } from '@madoguchi/domain';
import { Alert, Button, Group, Kbd, List, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { PossibleDuplicate } from '../organizations/api/organization-types';

/**
 * Existing organizations the one being created may duplicate, shown before saving. Alt+1…9
 * picks one without leaving the keyboard (the hotkeys work while typing in any field).
 */
export function DuplicateCandidates({
  candidates,
  onPick,
}: {
  candidates: PossibleDuplicate[];
  onPick: (candidate: PossibleDuplicate) => void;
}) {
  const { t, i18n } = useTranslation();
  const keyed = candidates.slice(0, 9);
  useHotkeys(
    keyed.map((c, i) => [`alt+${i + 1}`, () => onPick(c)] as [string, () => void]),
    [],
  );
  const prefecture = (code: string | null) => {
    const p = PREFECTURES.find((x) => x.code === code);
    return p ? (i18n.language === 'ja' ? p.nameJa : p.nameEn) : '';
  };
  return (
    <Alert
      color="yellow"
      title={t('cases.duplicateTitle')}
      role="alert"
      data-testid="duplicate-warning"
    >
      <Text size="xs" mb={4}>
        {t('cases.pickHint')}
      </Text>
      <List spacing={4} listStyleType="none">
        {candidates.map((c, i) => (
          <List.Item key={c.id}>
            <Group gap="xs" wrap="nowrap">
              {i < 9 && <Kbd size="xs">Alt+{i + 1}</Kbd>}
              <Text size="sm">
                {c.name}（{c.matchedOn.map((r) => t(`cases.reasons.${r}`)).join('・')}）
                <Text span size="xs" c="dimmed" ml={4}>
                  {[prefecture(c.prefectureCode), c.corporateNumber].filter(Boolean).join(' · ')}
                </Text>
              </Text>
              <Button size="compact-xs" onClick={() => onPick(c)}>
                {t('cases.useThis')}
              </Button>
            </Group>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
