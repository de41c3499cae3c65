import { CHANNELS } from '@madoguchi/domain';
import { Fieldset, MultiSelect, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isChannel, type LoggedAt, type RuleForm, type SetRuleField, type Sme } from './rule-form';
import { useConditionOptions } from './use-rule-labels';

/** What a case must match for the rule to apply; an empty condition matches any case. */
export function RuleConditionsFieldset({
  form,
  set,
  errors,
}: {
  form: RuleForm;
  set: SetRuleField;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const options = useConditionOptions();
  const any = t('adminRouting.any');
  return (
    <Fieldset legend={t('adminRouting.routing.conditions')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('adminRouting.routing.conditionsHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MultiSelect
            label={t('adminRouting.routing.channels')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))}
            value={form.channels.filter(isChannel)}
            onChange={(v) => set('channels', v)}
            placeholder={form.channels.length ? undefined : any}
            clearable
            error={errors.channels}
          />
          <MultiSelect
            label={t('adminRouting.routing.prefectures')}
            data={options.prefectures}
            value={form.prefectureCodes}
            onChange={(v) => set('prefectureCodes', v)}
            placeholder={form.prefectureCodes.length ? undefined : any}
            searchable
            clearable
            error={errors.prefectureCodes}
          />
          <MultiSelect
            label={t('adminRouting.routing.topics')}
            data={options.topics}
            value={form.topicCodes}
            onChange={(v) => set('topicCodes', v)}
            placeholder={form.topicCodes.length ? undefined : any}
            searchable
            clearable
            error={errors.topicCodes}
          />
          <MultiSelect
            label={t('adminRouting.routing.industries')}
            data={options.industries}
            value={form.industryCodes}
            onChange={(v) => set('industryCodes', v)}
            placeholder={form.industryCodes.length ? undefined : any}
            searchable
            clearable
            error={errors.industryCodes}
          />
          <Select
            label={t('adminRouting.routing.sme')}
            data={[
              { value: 'any', label: any },
              { value: 'yes', label: t('adminRouting.routing.smeValues.yes') },
              { value: 'no', label: t('adminRouting.routing.smeValues.no') },
            ]}
            value={form.sme}
            onChange={(v) => set('sme', (v ?? 'any') as Sme)}
            allowDeselect={false}
            error={errors.sme}
          />
          <Select
            label={t('adminRouting.routing.loggedAt')}
            data={[
              { value: 'any', label: any },
              { value: 'national', label: t('adminRouting.routing.loggedAtValues.national') },
              { value: 'regional', label: t('adminRouting.routing.loggedAtValues.regional') },
            ]}
            value={form.loggedAt}
            onChange={(v) => set('loggedAt', (v ?? 'any') as LoggedAt)}
            allowDeselect={false}
            error={errors.loggedAt}
          />
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}
