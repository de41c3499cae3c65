/** JSIC (日本標準産業分類, 14th revision) major groups. */
export const INDUSTRIES = [
  { code: 'A', labelJa: '農業,林業', labelEn: 'Agriculture and forestry' },
  { code: 'B', labelJa: '漁業', labelEn: 'Fisheries' },
  { code: 'C', labelJa: '鉱業,採石業,砂利採取業', labelEn: 'Mining and quarrying' },
  { code: 'D', labelJa: '建設業', labelEn: 'Construction' },
  { code: 'E', labelJa: '製造業', labelEn: 'Manufacturing' },
  { code: 'F', labelJa: '電気・ガス・熱供給・水道業', labelEn: 'Electricity, gas, heat and water' },
  { code: 'G', labelJa: '情報通信業', labelEn: 'Information and communications' },
  { code: 'H', labelJa: '運輸業,郵便業', labelEn: 'Transport and postal services' },
  { code: 'I', labelJa: '卸売業,小売業', labelEn: 'Wholesale and retail trade' },
  { code: 'J', labelJa: '金融業,保険業', labelEn: 'Finance and insurance' },
  { code: 'K', labelJa: '不動産業,物品賃貸業', labelEn: 'Real estate and goods rental' },
  {
    code: 'L',
    labelJa: '学術研究,専門・技術サービス業',
    labelEn: 'Scientific research, professional and technical services',
  },
  {
    code: 'M',
    labelJa: '宿泊業,飲食サービス業',
    labelEn: 'Accommodation, eating and drinking services',
  },
  {
    code: 'N',
    labelJa: '生活関連サービス業,娯楽業',
    labelEn: 'Living-related and personal services, amusement',
  },
  { code: 'O', labelJa: '教育,学習支援業', labelEn: 'Education and learning support' },
  { code: 'P', labelJa: '医療,福祉', labelEn: 'Medical, health care and welfare' },
  { code: 'Q', labelJa: '複合サービス事業', labelEn: 'Compound services' },
  { code: 'R', labelJa: 'サービス業(他に分類されないもの)', labelEn: 'Services, n.e.c.' },
  { code: 'S', labelJa: '公務', labelEn: 'Government' },
  { code: 'T', labelJa: '分類不能の産業', labelEn: 'Industries unable to classify' },
] as const;

export type IndustryCode = (typeof INDUSTRIES)[number]['code'];

/** The sectors of the SME Basic Act (中小企業基本法 art. 2), which set the thresholds. */
export const SME_SECTORS = ['manufacturing_other', 'wholesale', 'retail', 'services'] as const;
export type SmeSector = (typeof SME_SECTORS)[number];

const CODES = new Set<string>(INDUSTRIES.map((i) => i.code));

export const isIndustryCode = (code: string): code is IndustryCode => CODES.has(code);

// Service-type major groups under the SME Act's "services" thresholds.
const SERVICES = new Set(['G', 'K', 'L', 'N', 'O', 'P', 'Q', 'R']);

/**
 * The SME-law sector of a JSIC major group. Two groups are mixed: I holds wholesale and retail,
 * M holds restaurants (retail under the Act) and accommodation (services). For both, the
 * stricter retail thresholds (¥50M / 50 people) apply unless the caller knows the sector:
 * calling a firm an SME when it is not would spend program money it is not entitled to.
 */
export function smeSectorOfIndustry(code: string, override?: SmeSector | null): SmeSector {
  if (override) {
    return override;
  }
  if (code === 'I' || code === 'M') {
    return 'retail';
  }
  return SERVICES.has(code) ? 'services' : 'manufacturing_other';
}
