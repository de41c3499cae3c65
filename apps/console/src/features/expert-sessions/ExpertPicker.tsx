import { Select, Text } from '@mantine/core';
import { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type Suggestion, useActiveExperts, useSuggestions } from './api/use-sessions';

/** Each ranking reason in the desk's words, with the numbers behind it. */
export function reasonTexts(suggestion: Suggestion, t: TFunction): string[] {
  return suggestion.reasons.map((r) =>
    t(`sessions.reasons.${r.code}`, {
      count: suggestion.sessionsThisMonth,
      capacity: suggestion.expert.capacityPerMonth,
      hours: Math.round(suggestion.freeMinutesOnDate / 30) / 2,
    }),
  );
}

/**
 * The experts to choose from for a day: ranked for the case, or the whole active roster when
 * no ranking is available; and the session kind the ranking suggests.
 */
export function useExpertChoices(caseId: string, date: string) {
  const { t } = useTranslation();
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const suggestions = useSuggestions(caseId, date, validDate);
  const ranked = suggestions.data?.items ?? [];
  // Without a ranking (an error, or nobody ranked) any active expert can still be booked.
  const fallback = suggestions.isError || (suggestions.isSuccess && ranked.length === 0);
  const roster = useActiveExperts(fallback);
  const options = fallback
    ? (roster.data ?? []).map((e) => ({ value: e.id, label: e.name }))
    : ranked.map((s) => ({
        value: s.expert.id,
        label: t('sessions.suggestionLabel', { name: s.expert.name, score: s.score }),
      }));
  return {
    fallback,
    options,
    byId: new Map(ranked.map((s) => [s.expert.id, s])),
    suggestedKind: suggestions.data?.suggestedKind,
  };
}

export type ExpertChoices = ReturnType<typeof useExpertChoices>;

/** The expert select, each option with its ranking reasons, and the chosen one's under it. */
export function ExpertPicker({
  choices,
  value,
  onChange,
  error,
}: {
  choices: ExpertChoices;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const { byId, fallback } = choices;
  const chosen = value ? byId.get(value) : undefined;
  return (
    <>
      <Select
        label={t('sessions.expert')}
        withAsterisk
        searchable
        nothingFoundMessage={t('sessions.noExperts')}
        data={choices.options}
        value={value}
        onChange={onChange}
        error={error}
        description={fallback ? t('sessions.rosterHint') : t('sessions.suggestionsHint')}
        renderOption={({ option }) => {
          const suggestion = byId.get(option.value);
          return (
            <div>
              <Text size="sm">{option.label}</Text>
              {suggestion && (
                <Text size="xs" c="dimmed">
                  {reasonTexts(suggestion, t).join(' · ')}
                </Text>
              )}
            </div>
          );
        }}
      />
      {chosen && (
        <Text size="xs" c="dimmed" data-testid="suggestion-reasons" aria-live="polite">
          {reasonTexts(chosen, t).join(' · ')}
        </Text>
      )}
    </>
  );
}
