import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from '../../lib/field-errors';
import { useSession } from '../../lib/session';
import { toastDone } from '../../lib/toast';
import {
  type TotpSetup,
  useTotpDisable,
  useTotpEnable,
  useTotpReset,
  useTotpSetup,
} from './api/use-two-factor';

/** The secret in groups of four, as authenticator apps ask for it when typed by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Two-factor sign-in for one's own account: set it up (scan or type the secret, confirm with a
 * code), move it to a new device (a current code first), or turn it off where the role allows.
 */
export function TwoFactorPage() {
  const { t } = useTranslation();
  const { user, totpRequired, refresh } = useSession();
  const [pending, setPending] = useState<TotpSetup | null>(null);
  const setup = useTotpSetup();
  const enabled = user?.totpEnabled ?? false;

  return (
    <Stack maw={560}>
      <Title order={2}>{t('twoFactor.title')}</Title>
      {totpRequired && !pending && (
        <Alert color="yellow" role="status">
          {t('twoFactor.required')}
        </Alert>
      )}
      <Group gap="xs">
        <Text>{t('twoFactor.status')}</Text>
        <Badge color={enabled ? 'teal.9' : 'gray.7'} data-testid="two-factor-status">
          {enabled ? t('twoFactor.on') : t('twoFactor.off')}
        </Badge>
      </Group>
      {pending ? (
        <ConfirmSecret
          setup={pending}
          onDone={async () => {
            setPending(null);
            toastDone(t('twoFactor.enabled'));
            await refresh();
          }}
        />
      ) : enabled ? (
        <ManageEnabled
          onReset={(next) => {
            setPending(next);
            void refresh();
          }}
        />
      ) : (
        <>
          <ErrorAlert error={setup.error} />
          <Button
            w="fit-content"
            loading={setup.isPending}
            onClick={() => setup.mutate(undefined, { onSuccess: setPending })}
          >
            {t('twoFactor.start')}
          </Button>
        </>
      )}
    </Stack>
  );
}

function ConfirmSecret({ setup, onDone }: { setup: TotpSetup; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const enable = useTotpEnable();
  const [code, setCode] = useState('');
  const errors = fieldErrors(enable.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    enable.mutate(code.trim(), { onSuccess: () => void onDone() });
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate>
      <Stack>
        <Text>{t('twoFactor.scan')}</Text>
        <Anchor href={setup.otpauthUri}>{t('twoFactor.openApp')}</Anchor>
        <Text size="sm">
          {t('twoFactor.secret')}:{' '}
          <Code data-testid="two-factor-secret">{grouped(setup.secret)}</Code>
        </Text>
        {enable.error && Object.keys(errors).length === 0 && <ErrorAlert error={enable.error} />}
        <CodeInput value={code} onChange={setCode} error={errors.code} />
        <Button type="submit" w="fit-content" loading={enable.isPending}>
          {t('twoFactor.confirm')}
        </Button>
      </Stack>
    </Paper>
  );
}

function ManageEnabled({ onReset }: { onReset: (setup: TotpSetup) => void }) {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const reset = useTotpReset();
  const disable = useTotpDisable();
  const [code, setCode] = useState('');
  const error = reset.error ?? disable.error;
  const errors = fieldErrors(error);
  return (
    <Paper withBorder p="md">
      <Stack>
        <Text size="sm">{t('twoFactor.manage')}</Text>
        {error && Object.keys(errors).length === 0 && <ErrorAlert error={error} />}
        <CodeInput value={code} onChange={setCode} error={errors.code} />
        <Group>
          <Button
            loading={reset.isPending}
            onClick={() => reset.mutate(code.trim(), { onSuccess: onReset })}
          >
            {t('twoFactor.reset')}
          </Button>
          <Button
            variant="default"
            color="red"
            loading={disable.isPending}
            onClick={() =>
              disable.mutate(code.trim(), {
                onSuccess: () => {
                  toastDone(t('twoFactor.disabled'));
                  void refresh();
                },
              })
            }
          >
            {t('twoFactor.disable')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function CodeInput(props: { value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('twoFactor.code')}
      description={t('twoFactor.codeHint')}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      w={200}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error}
    />
  );
}
