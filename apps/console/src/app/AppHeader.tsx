import { Burger, Group, Menu, SegmentedControl, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDeskName } from '../features/cases/api/use-transfers';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { GlobalSearch } from '../features/search/GlobalSearch';
import { type Language, setLanguage } from '../i18n';
import { useSession } from '../lib/session';
import { TWO_FACTOR_PATH } from './RequireSession';

/** The header bar: menu button (small screens), name, language, search, bell and user menu. */
export function AppHeader({ opened, onBurger }: { opened: boolean; onBurger: () => void }) {
  const { t, i18n } = useTranslation();
  const { user, signOut } = useSession();
  const deskName = useDeskName();
  const navigate = useNavigate();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger
          opened={opened}
          onClick={onBurger}
          hiddenFrom="sm"
          size="sm"
          aria-label={t('nav.main')}
        />
        <Title order={1} size="h3">
          {t('app.name')}
        </Title>
        <Text size="sm" c="dimmed" visibleFrom="sm">
          {t('app.subtitle')}
        </Text>
      </Group>
      <Group gap="md" wrap="nowrap">
        <SegmentedControl
          size="xs"
          aria-label={t('language.label')}
          value={i18n.language}
          onChange={(value) => setLanguage(value as Language)}
          data={[
            { value: 'ja', label: t('language.ja') },
            { value: 'en', label: t('language.en') },
          ]}
        />
        {user && user.role !== 'expert' && <GlobalSearch />}
        {user && <NotificationBell />}
        {user && (
          <Menu position="bottom-end">
            <Menu.Target>
              <UnstyledButton title={t('user.menu')}>
                <Text size="sm" fw={600}>
                  {user.displayName}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`roles.${user.role}`)}
                  {user.deskId ? ` · ${deskName(user.deskId)}` : ''}
                </Text>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => void navigate('/change-password')}>
                {t('user.changePassword')}
              </Menu.Item>
              <Menu.Item onClick={() => void navigate(TWO_FACTOR_PATH)}>
                {t('twoFactor.title')}
              </Menu.Item>
              <Menu.Item
                color="red"
                onClick={() => {
                  void signOut().then(() => navigate('/login'));
                }}
              >
                {t('user.logout')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
    </Group>
  );
}
