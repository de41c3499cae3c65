import type { Schemas } from '@madoguchi/api-client';
import { Badge, Checkbox, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type TokenScope = Schemas['ApiTokenDto']['scopes'][number];
export const TOKEN_SCOPES: TokenScope[] = ['read', 'write', 'mail_ingest'];

/** What the token may do within its role; at least one. */
export function TokenScopesField(props: {
  value: TokenScope[];
  onChange: (scopes: TokenScope[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group
      label={t('tokens.scopes')}
      value={props.value}
      onChange={(v) => props.onChange(v as TokenScope[])}
      error={props.error}
    >
      <Group gap="sm" mt={4}>
        {TOKEN_SCOPES.map((scope) => (
          <Checkbox
            key={scope}
            value={scope}
            label={t(`tokens.scopeNames.${scope}`)}
            title={t(`tokens.scopeHints.${scope}`)}
          />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

export function TokenScopeBadges({ scopes }: { scopes: TokenScope[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {scopes.map((scope) => (
        <Badge key={scope} size="sm" variant="default">
          {t(`tokens.scopeNames.${scope}`)}
        </Badge>
      ))}
    </Group>
  );
}
