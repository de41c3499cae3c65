import { normalizeCorporateNumber, PREFECTURES } from '@madoguchi/domain';
import { Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Organization, useOrganizationSearch } from '../organizations/api/use-organizations';

const NEW = '__new__';
const CORPORATE_NUMBER = '__corporate_number__';

interface Props {
  search: string;
  onSearchChange: (text: string) => void;
  onPick: (organization: Organization) => void;
  onCreateNew: (typedName: string) => void;
  /** Thirteen digits were typed: look them up as a corporate number. */
  onCorporateNumber: (corporateNumber: string) => void;
  error?: string;
}

/**
 * The organization search at the top of intake. The text field stays the user's own words:
 * picking an organization fills in its name, and the last option always offers to register
 * what was typed, so the keyboard alone goes from the caller's first words to the right record.
 */
export function OrganizationTypeahead({
  search,
  onSearchChange,
  onPick,
  onCreateNew,
  onCorporateNumber,
  error,
}: Props) {
  const { t, i18n } = useTranslation();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const results = useOrganizationSearch(search);
  const found = results.data ?? [];
  const typed = search.trim();
  // Thirteen digits (any width, with hyphens) are a corporate number, never a name to register.
  const corporateNumber = normalizeCorporateNumber(typed);

  const prefectureName = (code: string | null | undefined) => {
    const p = PREFECTURES.find((x) => x.code === code);
    return p ? (i18n.language === 'ja' ? p.nameJa : p.nameEn) : '';
  };

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(value) => {
        combobox.closeDropdown();
        if (value === NEW) {
          onCreateNew(typed);
          return;
        }
        if (value === CORPORATE_NUMBER && corporateNumber) {
          onCorporateNumber(corporateNumber);
          return;
        }
        const organization = found.find((o) => o.id === value);
        if (organization) {
          onSearchChange(organization.name);
          onPick(organization);
        }
      }}
    >
      <Combobox.Target>
        <TextInput
          label={t('cases.organization')}
          placeholder={t('cases.orgSearch')}
          autoFocus
          data-autofocus
          required
          autoComplete="off"
          value={search}
          error={error}
          rightSection={results.isFetching ? <Loader size="xs" /> : null}
          onChange={(event) => {
            onSearchChange(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => typed && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!typed}>
        <Combobox.Options aria-label={t('cases.organization')}>
          {found.map((o) => (
            <Combobox.Option value={o.id} key={o.id}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm">{o.name}</Text>
                <Text size="xs" c="dimmed">
                  {[prefectureName(o.prefectureCode), o.corporateNumber]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Group>
            </Combobox.Option>
          ))}
          {typed && corporateNumber && (
            <Combobox.Option value={CORPORATE_NUMBER}>
              {t('cases.lookUpCorporateNumber', { number: corporateNumber })}
            </Combobox.Option>
          )}
          {typed && !corporateNumber && (
            <Combobox.Option value={NEW}>
              {t('cases.newOrganization', { name: typed })}
            </Combobox.Option>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
