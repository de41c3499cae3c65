import { Anchor, Group, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toastDone } from '../../lib/toast';
import { type EventItem, usePublishEvent } from './api/use-events';

/**
 * The public registration page's switch and address. Only those who may change the event
 * (`editable`: national staff, or the organizing desk) see the switch; everyone sees the state.
 */
export function EventPublicSection({ event }: { event: EventItem }) {
  const { t } = useTranslation();
  const publish = usePublishEvent(event.id);
  const path = `/event/${event.id}`;
  return (
    <Group gap="md" align="center" data-testid="event-public">
      {event.editable ? (
        <Switch
          label={t('events.publicPage.publish')}
          description={t('events.publicPage.publishHint')}
          checked={event.published}
          disabled={publish.isPending}
          onChange={(e) =>
            publish.mutate(
              { published: e.currentTarget.checked, version: event.version },
              {
                onSuccess: (updated) =>
                  toastDone(
                    t(updated.published ? 'events.publicPage.opened' : 'events.publicPage.closed'),
                  ),
              },
            )
          }
        />
      ) : (
        <Text size="sm">
          {t(event.published ? 'events.publicPage.isOpen' : 'events.publicPage.isClosed')}
        </Text>
      )}
      {event.published && (
        <Anchor href={path} target="_blank" rel="noopener" size="sm">
          {t('events.publicPage.link')}
        </Anchor>
      )}
      <ErrorAlert error={publish.error} />
    </Group>
  );
}
