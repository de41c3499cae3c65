import { notifications } from '@mantine/notifications';
import i18n from 'i18next';

/** Confirms a finished action where the eye already is, without moving focus. */
export function toastDone(message: string): void {
  notifications.show({
    message,
    color: 'green',
    autoClose: 4000,
    withBorder: true,
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}
