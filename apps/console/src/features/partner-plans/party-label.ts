import { useTranslation } from 'react-i18next';
import { useDeskOptions } from '../reports/api/use-reports';
import type { PlanParty } from './api/use-partner-plans';

interface Party {
  party: string;
  partyDeskId: string | null;
  partyName: string | null;
}

/** "商工会議所 東京商工会議所", "地域窓口 関東": the party, its desk and its name. */
export function usePartyLabel(): (p: Party) => string {
  const { t, i18n } = useTranslation();
  const desks = useDeskOptions();
  return (p) => {
    const desk = p.partyDeskId ? (desks.data ?? []).find((d) => d.id === p.partyDeskId) : undefined;
    const deskName = desk ? (i18n.language === 'en' ? desk.nameEn : desk.nameJa) : p.partyDeskId;
    return [t(`events.parties.${p.party as PlanParty}`), deskName, p.partyName]
      .filter(Boolean)
      .join(' ');
  };
}
