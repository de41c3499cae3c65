import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AUTO_DESK, type useIntakeDesk } from './use-intake-desk';

/** The desk a case goes to, for those who pick one; "automatic" leaves it to the routing rules. */
export function IntakeDeskSelect({
  desk,
  error,
}: {
  desk: ReturnType<typeof useIntakeDesk>;
  error?: string;
}) {
  const { t, i18n } = useTranslation();
  const ja = i18n.language === 'ja';
  return (
    <Select
      label={t('cases.intakeDesk')}
      description={t('cases.intakeDeskHint')}
      allowDeselect={false}
      data={[
        { value: AUTO_DESK, label: t('cases.intakeDeskAuto') },
        ...desk.activeDesks.map((d) => ({ value: d.id, label: ja ? d.nameJa : d.nameEn })),
      ]}
      value={desk.chosenDesk}
      onChange={(v) => desk.setDeskId(v ?? AUTO_DESK)}
      error={error}
    />
  );
}
