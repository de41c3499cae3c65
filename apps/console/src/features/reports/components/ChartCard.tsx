import { Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageLoader } from '../../../components/PageLoader';
import { formatDateTime } from '../../../lib/format-date';

export interface DrillRow {
  key: string;
  label: string;
  cells: (string | number)[];
  /** The case list filtered to this row; null when the list has no matching filter. */
  href: string | null;
}

interface Props {
  title: string;
  note?: ReactNode;
  csvHref: string;
  xlsxHref: string;
  isPending: boolean;
  /** When the figures were current (a reporting replica may be behind). */
  dataAsOf?: string;
  error: unknown;
  isEmpty: boolean;
  /** Column headings of the data table after the first (the row label). */
  columns: string[];
  rows: DrillRow[];
  children: ReactNode;
}

/**
 * One report: its chart, its downloads, and the same figures as a table whose rows link to the
 * matching cases. The table is the keyboard and screen-reader route into a chart's bars.
 */
export function ChartCard(props: Props) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={3} size="h5" id={headingId}>
            {props.title}
          </Title>
          <Group gap={4} wrap="nowrap" className="no-print">
            <Button
              component="a"
              href={props.csvHref}
              download
              size="compact-xs"
              variant="default"
              aria-label={t('reports.downloadCsv', { name: props.title })}
            >
              {t('reports.csv')}
            </Button>
            <Button
              component="a"
              href={props.xlsxHref}
              download
              size="compact-xs"
              variant="default"
              aria-label={t('reports.downloadXlsx', { name: props.title })}
            >
              {t('reports.xlsx')}
            </Button>
          </Group>
        </Group>
        {props.note && (
          <Text size="xs" c="dimmed">
            {props.note}
          </Text>
        )}
        {props.dataAsOf && (
          <Text size="xs" c="dimmed">
            {t('reports.dataAsOf', { time: formatDateTime(props.dataAsOf, i18n.language) })}
          </Text>
        )}
        <ErrorAlert error={props.error} />
        {props.isPending ? (
          <PageLoader />
        ) : props.error ? null : props.isEmpty ? (
          <Text c="dimmed" size="sm" py="lg" ta="center">
            {t('reports.empty')}
          </Text>
        ) : (
          <>
            {props.children}
            <details>
              <summary>
                <Text span size="sm">
                  {t('reports.dataTable')}
                </Text>
              </summary>
              <Table striped withTableBorder fz="xs" aria-labelledby={headingId}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('a11y.rowHeader')}</Table.Th>
                    {props.columns.map((c) => (
                      <Table.Th key={c} ta="right">
                        {c}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {props.rows.map((row) => (
                    <Table.Tr key={row.key}>
                      <Table.Th scope="row" fw={400}>
                        {row.href ? (
                          <Anchor
                            component={Link}
                            to={row.href}
                            size="xs"
                            aria-label={t('reports.openCases', { label: row.label })}
                          >
                            {row.label}
                          </Anchor>
                        ) : (
                          row.label
                        )}
                      </Table.Th>
                      {row.cells.map((cell, i) => (
                        <Table.Td key={i} ta="right">
                          {cell}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </details>
          </>
        )}
      </Stack>
    </Card>
  );
}
