import { unwrap } from '@madoguchi/api-client';
import { Button, Kbd, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api-client';

/**
 * One box for everything a caller might say first: a case number, an organization's name or
 * reading, or a phone number (the organization search matches contacts' phones too, and a
 * contact's exact email address; it never returns the contacts themselves).
 * Ctrl+K or "/" opens it from anywhere.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [q] = useDebouncedValue(query.trim(), 150);
  const cases = useQuery({
    queryKey: ['search', 'cases', q],
    queryFn: () =>
      unwrap(api.GET('/api/cases', { params: { query: { q, limit: 5 } } })).then((r) => r.items),
    enabled: q.length >= 2,
  });
  const organizations = useQuery({
    queryKey: ['search', 'organizations', q],
    queryFn: () =>
      unwrap(api.GET('/api/organizations', { params: { query: { q, limit: 5 } } })).then(
        (r) => r.items,
      ),
    enabled: q.length >= 2,
  });
  const caseItems = cases.data ?? [];
  const orgItems = organizations.data ?? [];

  return (
    <>
      <Button
        variant="default"
        size="xs"
        onClick={() => spotlight.open()}
        rightSection={<Kbd size="xs">Ctrl K</Kbd>}
        title={t('search.open')}
      >
        {t('search.button')}
      </Button>
      <Spotlight.Root
        query={query}
        onQueryChange={setQuery}
        shortcut={['mod + K', '/']}
        scrollable
        maxHeight={480}
        // The dialog needs a name; its visible title gives it one.
        title={t('a11y.searchDialog')}
      >
        <Spotlight.Search
          placeholder={t('search.placeholder')}
          aria-label={t('search.placeholder')}
        />
        <Spotlight.ActionsList>
          {caseItems.length > 0 && (
            <Spotlight.ActionsGroup label={t('search.cases')}>
              {caseItems.map((c) => (
                <Spotlight.Action key={c.id} onClick={() => void navigate(`/cases/${c.id}`)}>
                  <div>
                    <Text size="sm" fw={600}>
                      {c.number} {c.subject}
                    </Text>
                    <Text size="xs" c="gray.8">
                      {c.organizationName}
                    </Text>
                  </div>
                </Spotlight.Action>
              ))}
            </Spotlight.ActionsGroup>
          )}
          {orgItems.length > 0 && (
            <Spotlight.ActionsGroup label={t('search.organizations')}>
              {orgItems.map((o) => (
                <Spotlight.Action
                  key={o.id}
                  onClick={() => void navigate(`/organizations/${o.id}`)}
                >
                  <div>
                    <Text size="sm" fw={600}>
                      {o.name}
                    </Text>
                    <Text size="xs" c="gray.8">
                      {[o.nameKana, o.corporateNumber].filter(Boolean).join(' · ')}
                    </Text>
                  </div>
                </Spotlight.Action>
              ))}
            </Spotlight.ActionsGroup>
          )}
          {q.length >= 2 &&
            caseItems.length === 0 &&
            orgItems.length === 0 &&
            !cases.isFetching && <Spotlight.Empty>{t('search.nothing')}</Spotlight.Empty>}
        </Spotlight.ActionsList>
      </Spotlight.Root>
    </>
  );
}
