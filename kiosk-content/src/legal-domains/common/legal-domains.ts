/**
 * The matters people bring to a community law home. Q&A categories, glossary domains, search
 * grouping and statistics all use these ids; the labels are what residents read.
 */
export const legalDomains = {
  labour: '劳动与工资',
  'work-injury': '工伤',
  marriage: '婚姻家庭',
  support: '抚养与赡养',
  inheritance: '继承',
  'neighbours-property': '邻里与物业',
  renting: '租房',
  'loans-debts': '借款与欠债',
  traffic: '交通事故',
  consumer: '消费维权',
  'domestic-violence': '家庭暴力',
  'legal-aid': '法律援助',
  'personal-injury': '人身损害',
  'criminal': '刑事',
  'administrative': '行政与政府',
  'general': '其他',
} as const;

export type LegalDomainId = keyof typeof legalDomains;
export const legalDomainIds = Object.keys(legalDomains) as LegalDomainId[];
