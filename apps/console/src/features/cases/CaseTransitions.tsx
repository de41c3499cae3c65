import { allowedTransitions } from '@madoguchi/domain';
import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toastDone } from '../../lib/toast';
import { type Case, useTransition } from './api/use-cases';
import { CloseCaseModal, type CloseCaseValues } from './CloseCaseModal';

/** The moves the case may make from its status; closing asks for the outcome first. */
export function Transitions({ value }: { value: Case }) {
  const { t } = useTranslation();
  const transition = useTransition(value.id);
  const [closing, setClosing] = useState(false);
  const targets = allowedTransitions(value.status);

  const close = (values: CloseCaseValues) => {
    transition.mutate(
      { to: 'closed', version: value.version, ...values },
      {
        onSuccess: () => {
          setClosing(false);
          toastDone(t('cases.statusChangedTo', { status: t('cases.statuses.closed') }));
        },
      },
    );
  };

  return (
    <Group gap="xs" aria-label={t('cases.moveTo')} role="group">
      <Text size="sm" fw={500}>
        {t('cases.moveTo')}:
      </Text>
      {targets.map((to) => (
        <Button
          key={to}
          size="xs"
          variant="default"
          loading={transition.isPending && transition.variables?.to === to}
          onClick={() =>
            to === 'closed'
              ? setClosing(true)
              : transition.mutate(
                  { to, version: value.version },
                  {
                    onSuccess: () =>
                      toastDone(t('cases.statusChangedTo', { status: t(`cases.statuses.${to}`) })),
                  },
                )
          }
        >
          {t(`cases.statuses.${to}`)}
        </Button>
      ))}
      {transition.error && !closing && <ErrorAlert error={transition.error} />}
      <CloseCaseModal
        opened={closing}
        onClose={() => setClosing(false)}
        title={t('cases.statuses.closed')}
        submitLabel={t('cases.confirm')}
        pending={transition.isPending}
        error={transition.error}
        onSubmit={close}
      />
    </Group>
  );
}
