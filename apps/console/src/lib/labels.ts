import { INDUSTRIES, PREFECTURES } from '@madoguchi/domain';

/** The prefecture's name in the UI language (codes are for machines). */
export function prefectureName(code: string | null | undefined, language: string): string {
  const p = PREFECTURES.find((x) => x.code === code);
  return p ? (language === 'ja' ? p.nameJa : p.nameEn) : '';
}

export function industryName(code: string | null | undefined, language: string): string {
  const i = INDUSTRIES.find((x) => x.code === code);
  return i ? (language === 'ja' ? i.labelJa : i.labelEn) : '';
}

export const prefectureOptions = (language: string) =>
  PREFECTURES.map((p) => ({ value: p.code, label: language === 'ja' ? p.nameJa : p.nameEn }));

export const industryOptions = (language: string) =>
  INDUSTRIES.map((i) => ({
    value: i.code,
    label: `${i.code} ${language === 'ja' ? i.labelJa : i.labelEn}`,
  }));

/** The SME verdict as a word: yes, no, or unknown (the data cannot tell). */
export const smeVerdictKey = (sme: boolean | null): 'yes' | 'no' | 'unknown' =>
  sme === null ? 'unknown' : sme ? 'yes' : 'no';
