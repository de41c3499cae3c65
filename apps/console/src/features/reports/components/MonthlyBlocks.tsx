import { type MantineSpacing, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseloadDimension, CaseloadRow } from '../api/use-reports';
import type { BarDimension } from '../drill-down';
import type { useReportLabels } from '../use-report-labels';

// The monthly page's building blocks: plain tables and figures that print on A4.

export /** One key figure: its name over its value. */
function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </div>
  );
}

/** A titled part of the printed page, with an optional note under the title. */
export function Block({
  title,
  note,
  children,
}: {
  title: string;
  note?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="report-block">
      <Title order={3} size="h5" mb={4}>
        {title}
      </Title>
      {note && (
        <Text size="xs" c="dimmed" mb={4}>
          {note}
        </Text>
      )}
      {children}
    </section>
  );
}

/** Cases counted by one dimension, or a line saying there are none. */
export function CountTable({
  title,
  dimension,
  rows,
  label,
  note,
}: {
  title: string;
  dimension: Extract<CaseloadDimension, BarDimension>;
  rows: CaseloadRow[];
  label: ReturnType<typeof useReportLabels>;
  note?: string;
}) {
  const { t } = useTranslation();
  return (
    <Block title={title} note={note}>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reports.empty')}
        </Text>
      ) : (
        <LabelCountTable
          head={[t('a11y.rowHeader'), t('reports.cases')]}
          rows={rows.map((r) => {
            const value = String(r[dimension] ?? 'unknown');
            return { key: value, label: label(dimension, value), count: r.count };
          })}
        />
      )}
    </Block>
  );
}

/** Labelled counts: a header over the labels and one over the counts. */
export function LabelCountTable({
  head,
  rows,
  mt,
}: {
  head: [string, string];
  rows: { key: string; label: string; count: number }[];
  mt?: MantineSpacing;
}) {
  return (
    <Table withTableBorder striped mt={mt}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{head[0]}</Table.Th>
          <Table.Th ta="right">{head[1]}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Th scope="row" fw={400}>
              {r.label}
            </Table.Th>
            <Table.Td ta="right">{r.count}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
