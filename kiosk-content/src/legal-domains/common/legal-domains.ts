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
  elderly: '老年人权益',
  minors: '未成年人保护',
  fraud: '防范诈骗',
  'personal-rights': '名誉、肖像与隐私',
  'legal-aid': '法律援助',
  'personal-injury': '人身损害',
  criminal: '刑事',
  administrative: '行政与政府',
  'social-security': '社保与救助',
  land: '农村土地',
  medical: '医疗纠纷',
  general: '其他',
} as const;

export type LegalDomainId = keyof typeof legalDomains;
export const legalDomainIds = Object.keys(legalDomains) as LegalDomainId[];
