import type { CardFields, CardType } from '../codec/card-text';

/**
 * Built-in cards for the simulator and tests. Every value is fictional test data: the names say
 * 测试样例, the addresses and authorities say 测试数据, the numbers are constructed only to carry a
 * valid check digit (the foreign ones use the ISO user-assigned codes ZZZ / 999), and none belongs to
 * a real person.
 */
export const sampleCards: Record<CardType, CardFields> = {
  resident: {
    type: 'resident',
    name: '测试样例',
    gender: '1',
    ethnicity: '01',
    birthDate: '19800101',
    address: '测试数据（模拟身份证，非真实住址）',
    idNumber: '110101198001010010',
    authority: '测试数据签发机关',
    validFrom: '20200101',
    validTo: '长期',
  },
  permit: {
    type: 'permit',
    name: '测试样例',
    gender: '2',
    birthDate: '19900101',
    address: '测试数据（模拟居住证，非真实住址）',
    idNumber: '810000199001010027',
    authority: '测试数据签发机关',
    validFrom: '20200101',
    validTo: '20250101',
    travelPermitNumber: 'H00000001',
    issueCount: '01',
  },
  foreign2017: {
    type: 'foreign2017',
    englishName: 'TEST,SAMPLE',
    gender: '1',
    idNumber: 'ZZZ110019800101',
    nationality: 'ZZZ',
    chineseName: '测试样例',
    validFrom: '20170101',
    validTo: '20270101',
    birthDate: '19800101',
    cardVersion: '01',
    authorityCode: '1100',
  },
  foreign2023: {
    type: 'foreign2023',
    chineseName: '测试样例',
    gender: '1',
    renewalCount: '00',
    birthDate: '19900101',
    englishName: 'TEST SAMPLE FICTIONAL PERSON FOR SIMULATOR USE',
    idNumber: '911999199001010030',
    validFrom: '20240101',
    validTo: '20340101',
    country: 'ZZZ',
    previousNumberLink: '',
  },
};
