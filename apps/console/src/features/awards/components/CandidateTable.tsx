import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { industryName, prefectureName } from '../../../lib/labels';
import { toastDone } from '../../../lib/toast';
import { type Candidate, useAwardKinds, useMarkCandidate } from '../api/use-awards';

const STRENGTH_COLOR = { strong: 'green.9', moderate: 'blue.9', weak: 'gray.8', none: 'gray.8' };

/** One row per organization: its evidence as chips, its mark and its nominations. */
export function CandidateTable({
  items,
  fiscalYear,
  mayWrite,
  onNominate,
}: {
  items: Candidate[];
  fiscalYear: number;
  mayWrite: boolean;
  onNominate: (candidate: Candidate) => void;
}) {
  const { t, i18n } = useTranslation();
  const mark = useMarkCandidate();
  const kinds = useAwardKinds();
  const awardName = (id: string) => {
    const kind = kinds.data?.find((k) => k.id === id);
    return kind ? (i18n.language === 'en' ? kind.nameEn : kind.nameJa) : id;
  };

  return (
    <Stack gap="xs">
      <ErrorAlert error={mark.error} />
      <Table.ScrollContainer minWidth={900}>
        <Table aria-label={t('awards.listLabel')} data-testid="award-candidates">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('awards.organization')}</Table.Th>
              <Table.Th>{t('awards.evidence')}</Table.Th>
              <Table.Th>{t('awards.mark')}</Table.Th>
              <Table.Th>{t('awards.nominations')}</Table.Th>
              {mayWrite && <Table.Th>{t('awards.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.organizationId} data-testid="award-candidate">
                <Table.Td>
                  <Anchor component={Link} to={`/organizations/${c.organizationId}`} size="sm">
                    {c.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {[
                      prefectureName(c.prefectureCode, i18n.language),
                      industryName(c.industryCode, i18n.language),
                      t(`reports.sizeBands.${c.sizeBand as 'unknown'}`),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge
                      color={STRENGTH_COLOR[c.evidence.strength]}
                      title={t('awards.score', { score: c.evidence.score })}
                    >
                      {t(`awards.strengths.${c.evidence.strength}`)}
                    </Badge>
                    {c.evidence.items.map((item) => (
                      <Badge key={item} variant="outline" color="teal.9">
                        {t(`awards.items.${item}`)}
                      </Badge>
                    ))}
                    {c.evidence.cautions.map((caution) => (
                      <Badge key={caution} variant="outline" color="red.9">
                        {t(`awards.cautions.${caution}`)}
                      </Badge>
                    ))}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t('awards.facts', {
                      followUps: c.facts.followUpSessions,
                      checks: c.facts.outcomeChecksAdopted,
                      surveys: c.facts.surveysAnswered,
                    })}
                    {c.facts.surveyMeanOverall !== null &&
                      ` · ${t('awards.surveyMean', { mean: c.facts.surveyMeanOverall })}`}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {c.mark ? (
                    <Stack gap={0}>
                      <Badge variant="outline" color="grape.9">
                        {t('awards.mark')}
                      </Badge>
                      {c.mark.markedBy && (
                        <Text size="xs" c="dimmed">
                          {t('awards.markedBy', { name: c.mark.markedBy })}
                        </Text>
                      )}
                    </Stack>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  {c.nominations.length === 0
                    ? '—'
                    : c.nominations.map((n) => (
                        <Text key={n.id} size="sm" data-testid="award-nomination">
                          {awardName(n.awardKindId)}: {t(`awards.statuses.${n.status}`)}
                        </Text>
                      ))}
                </Table.Td>
                {mayWrite && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant={c.mark ? 'default' : 'filled'}
                        aria-label={t(c.mark ? 'awards.unmarkOf' : 'awards.markOf', {
                          name: c.name,
                        })}
                        loading={
                          mark.isPending && mark.variables?.organizationId === c.organizationId
                        }
                        onClick={() =>
                          mark.mutate(
                            { organizationId: c.organizationId, fiscalYear, marked: !c.mark },
                            {
                              onSuccess: () =>
                                toastDone(t(c.mark ? 'awards.unmarked' : 'awards.marked')),
                            },
                          )
                        }
                      >
                        {t(c.mark ? 'awards.unmarkAction' : 'awards.markAction')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="default"
                        aria-label={t('awards.nominateOf', { name: c.name })}
                        onClick={() => onNominate(c)}
                      >
                        {t('awards.nominate')}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
