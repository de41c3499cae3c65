import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { type User, useResetPassword } from './api/use-users';

/**
 * A reset ends the person's sign-in at once and replaces their password: asked first, naming
 * whom, since the button sits on every row.
 */
export function ResetPasswordModal(props: {
  user: User;
  onClose: () => void;
  onReset: (email: string, temporaryPassword: string) => void;
}) {
  const { t } = useTranslation();
  const reset = useResetPassword();
  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('users.reset.title')}
    >
      <Stack>
        <ErrorAlert error={reset.error} />
        <Text>
          {t('users.reset.confirm', { name: props.user.displayName, email: props.user.email })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('users.cancel')}
          </Button>
          <Button
            color="red"
            loading={reset.isPending}
            onClick={() =>
              reset.mutate(props.user.id, {
                onSuccess: (r) => props.onReset(r.user.email, r.temporaryPassword),
              })
            }
          >
            {t('users.reset.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
