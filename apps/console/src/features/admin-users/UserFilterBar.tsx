import { Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UserFilters } from './api/use-users';

const ROLES = ['operator', 'desk_staff', 'expert', 'manager', 'admin'] as const;

/** Search by email or name, and filter by role, desk and whether the account is active. */
export function UserFilterBar(props: {
  value: UserFilters & { q?: string };
  /** Desks by name (ids are for machines). */
  desks: { value: string; label: string }[];
  onChange: (next: UserFilters & { q?: string }) => void;
}) {
  const { t } = useTranslation();
  const { value, onChange } = props;
  const set = (patch: Partial<UserFilters>) => onChange({ ...value, ...patch });
  return (
    <Group gap="sm" align="flex-end" role="search" aria-label={t('users.filters.label')}>
      <TextInput
        label={t('users.filters.q')}
        placeholder={t('users.filters.qPlaceholder')}
        value={value.q ?? ''}
        onChange={(e) => set({ q: e.currentTarget.value || undefined })}
        w={260}
      />
      <Select
        label={t('users.role')}
        placeholder={t('users.filters.any')}
        data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        value={value.role ?? null}
        onChange={(v) => set({ role: (v as UserFilters['role']) ?? undefined })}
        clearable
        w={200}
      />
      <Select
        label={t('users.desk')}
        placeholder={t('users.filters.any')}
        data={props.desks}
        value={value.deskId ?? null}
        onChange={(v) => set({ deskId: v ?? undefined })}
        clearable
        w={160}
      />
      <SegmentedControl
        aria-label={t('users.active')}
        value={value.active === undefined ? 'all' : String(value.active)}
        onChange={(v) => set({ active: v === 'all' ? undefined : v === 'true' })}
        data={[
          { value: 'all', label: t('users.filters.all') },
          { value: 'true', label: t('users.filters.active') },
          { value: 'false', label: t('users.filters.inactive') },
        ]}
      />
    </Group>
  );
}
