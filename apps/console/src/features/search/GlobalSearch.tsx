import { Button, Kbd, Text } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCaseSearch, useContactSearch, useOrganizationSearch } from './api/use-search';

/**
 * One box for everything a caller might say first: a case number or its tail (`000427`), an
 * organization's name or reading with any legal form (㈱, (株)), a phone number, or an email
 * address. An address finds the contacts the user may see, and their organization either way
 * (the organization search matches a contact's exact address without returning the contact).
 * Ctrl+K or "/" opens it from anywhere.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [q] = useDebouncedValue(query.trim(), 150);
  const cases = useCaseSearch(q);
  const organizations = useOrganizationSearch(q);
  const contacts = useContactSearch(q);
  // Ctrl+K works from inside a field too (the spotlight's own shortcuts skip inputs, which
  // suits "/" but left Ctrl+K dead while typing a note or filtering the list).
  useHotkeys([['mod+K', () => spotlight.open()]], []);
  // Results of an earlier, shorter query would change under the keyboard (the arrow picks one
  // row, Enter opens another): show them only once they answer what is typed now.
  const settled =
    q === query.trim() && !cases.isLoading && !organizations.isLoading && !contacts.isLoading;
  const caseItems = settled ? (cases.data ?? []) : [];
  const orgItems = settled ? (organizations.data ?? []) : [];
  const contactItems = settled ? (contacts.data ?? []) : [];
  const nothing = caseItems.length + orgItems.length + contactItems.length === 0;

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
        shortcut="/"
        scrollable
        maxHeight={480}
        // The dialog needs a name; its visible title gives it one.
        title={t('a11y.searchDialog')}
      >
        <Spotlight.Search
          placeholder={t('search.placeholder')}
          aria-label={t('search.placeholder')}
        />
        <Spotlight.ActionsList aria-busy={!settled} data-testid="search-results">
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
          {contactItems.length > 0 && (
            <Spotlight.ActionsGroup label={t('search.contacts')}>
              {contactItems.map((c) => (
                <Spotlight.Action
                  key={c.id}
                  onClick={() => void navigate(`/organizations/${c.organizationId}`)}
                >
                  <div>
                    <Text size="sm" fw={600}>
                      {c.name}
                      {c.active ? '' : ` (${t('search.contactLeft')})`}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {c.organizationName} · {c.email}
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
          {q.length >= 2 && !settled && <Spotlight.Empty>{t('search.searching')}</Spotlight.Empty>}
          {q.length >= 2 && settled && nothing && (
            <Spotlight.Empty>{t('search.nothing')}</Spotlight.Empty>
          )}
        </Spotlight.ActionsList>
      </Spotlight.Root>
    </>
  );
}
