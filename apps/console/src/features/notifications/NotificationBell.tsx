import {
  ActionIcon,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../lib/format-date';
import { useMarkRead, useNotifications } from './api/use-notifications';

/** The bell in the header: unread count, latest notifications, each opening its case. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];
  return (
    // The indicator sits outside the popover target, so the ARIA popup attributes land on the
    // button itself.
    <Indicator label={unread} size={16} disabled={unread === 0} color="red.9" offset={4}>
      <Popover position="bottom-end" width={360} shadow="md">
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="dark"
            size="lg"
            aria-label={t('notifications.bell', { count: unread })}
          >
            <IconBell size={20} stroke={1.6} aria-hidden />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown>
          <Group justify="space-between" mb="xs">
            <Text fw={600}>{t('notifications.title')}</Text>
            {unread > 0 && (
              <Button size="compact-xs" variant="subtle" onClick={() => markRead.mutate('all')}>
                {t('notifications.readAll')}
              </Button>
            )}
          </Group>
          <ScrollArea.Autosize mah={400}>
            {items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('notifications.empty')}
              </Text>
            ) : (
              <Stack gap={4}>
                {items.map((n) => (
                  <UnstyledButton
                    key={n.id}
                    p={6}
                    style={{
                      borderRadius: 4,
                      background: n.readAt ? undefined : 'var(--mantine-color-blue-0)',
                    }}
                    onClick={() => {
                      if (!n.readAt) {
                        markRead.mutate(n.id);
                      }
                      if (n.caseId) {
                        void navigate(`/cases/${n.caseId}`);
                      }
                    }}
                  >
                    <Text size="sm" fw={n.readAt ? 400 : 600}>
                      {n.title}
                    </Text>
                    {n.body && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {n.body}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {formatDateTime(n.createdAt, i18n.language)}
                    </Text>
                  </UnstyledButton>
                ))}
              </Stack>
            )}
          </ScrollArea.Autosize>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
