import { type Channel, CHANNELS } from '@madoguchi/domain';
import type { CreateRoutingRule, RoutingRule } from './api/use-routing-rules';
import type { RuleShape } from './rule-sentence';

// The rule form's values and their mapping to and from the API's rule.

export const TARGETS = ['coverage', 'desk', 'logger_desk'] as const;
export type Target = (typeof TARGETS)[number];
export type Sme = 'any' | 'yes' | 'no';
export type LoggedAt = 'any' | 'national' | 'regional';

export interface RuleForm {
  name: string;
  position: number | string;
  active: boolean;
  channels: string[];
  prefectureCodes: string[];
  topicCodes: string[];
  industryCodes: string[];
  sme: Sme;
  loggedAt: LoggedAt;
  target: Target;
  deskId: string | null;
  assigneeId: string | null;
}

export const toForm = (rule: RoutingRule | null, defaultPosition: number): RuleForm => ({
  name: rule?.name ?? '',
  position: rule?.position ?? defaultPosition,
  active: rule?.active ?? true,
  channels: rule?.channels ?? [],
  prefectureCodes: rule?.prefectureCodes ?? [],
  topicCodes: rule?.topicCodes ?? [],
  industryCodes: rule?.industryCodes ?? [],
  sme: rule?.sme === true ? 'yes' : rule?.sme === false ? 'no' : 'any',
  loggedAt: rule?.loggedAt ?? 'any',
  target: rule?.target ?? 'coverage',
  deskId: rule?.deskId ?? null,
  assigneeId: rule?.assigneeId ?? null,
});

export const isChannel = (value: string): value is Channel =>
  (CHANNELS as readonly string[]).includes(value);

/** An empty list means "any", which the API spells null. */
const anyIfEmpty = <T>(list: T[]): T[] | null => (list.length > 0 ? list : null);

export const toShape = (form: RuleForm): RuleShape => ({
  channels: anyIfEmpty(CHANNELS.filter((c) => form.channels.includes(c))),
  prefectureCodes: anyIfEmpty(form.prefectureCodes),
  topicCodes: anyIfEmpty(form.topicCodes),
  industryCodes: anyIfEmpty(form.industryCodes),
  sme: form.sme === 'any' ? null : form.sme === 'yes',
  loggedAt: form.loggedAt === 'any' ? null : form.loggedAt,
  target: form.target,
  deskId: form.target === 'desk' ? form.deskId : null,
  assigneeId: form.assigneeId,
});

export const toBody = (form: RuleForm): CreateRoutingRule => ({
  ...toShape(form),
  name: form.name.trim(),
  position: typeof form.position === 'number' ? form.position : Number(form.position),
  active: form.active,
});

/** Sets one field of the form. */
export type SetRuleField = <K extends keyof RuleForm>(key: K, value: RuleForm[K]) => void;
