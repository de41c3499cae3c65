import { Button, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveView } from './api/use-cases';
import { apiErrorMessage, fieldErrors } from '../../lib/field-errors';
import { ApiError } from '../../lib/api-client';
import type { Schemas } from '@madoguchi/api-client';
import { ConsoleForm } from '../../components/ConsoleForm';

/** Saves the current filters under a name, for the menu, the home page and the sidebar. */
export function SaveViewModal({
  opened,
  onClose,
  query,
}: {
  opened: boolean;
  onClose: () => void;
  query: Schemas['SavedViewQueryDto'];
}) {
  const { t } = useTranslation();
  const save = useSaveView();
  const [name, setName] = useState('');
  const errors = fieldErrors(save.error);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('cases.saveView')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack
        component={ConsoleForm}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ name, query }, { onSuccess: () => (setName(''), onClose()) });
        }}
      >
        <TextInput
          label={t('cases.viewName')}
          required
          data-autofocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={
            errors.name ??
            (save.error instanceof ApiError ? apiErrorMessage(save.error) : undefined)
          }
        />
        <Button type="submit" loading={save.isPending}>
          {t('users.save')}
        </Button>
      </Stack>
    </Modal>
  );
}
