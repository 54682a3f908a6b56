import { describe, expect, it } from 'vitest';
import { legalAidStandardFor, officesForRegion, regionalFileSchema, regionMatch, resolveOffices, type RegionalData } from './regional-data';

const data: RegionalData = regionalFileSchema.parse({
  offices: [
    {
      id: 'ce-shi-qu-legal-aid',
      kind: 'legal-aid-centre',
      name: '测试区法律援助中心',
      address: '测试路1号',
      hours: '周一至周五 9:00-17:00',
      phone: '000-00000000',
      regions: ['110101'],
    },
    { id: 'ce-shi-shi-legal-aid', kind: 'legal-aid-centre', name: '测试市法律援助中心', address: '测试路2号', hours: null, phone: null, regions: ['110100'] },
    { id: 'ce-shi-court', kind: 'court', name: '测试区人民法院', address: '测试路3号', hours: null, phone: '000-00000001', regions: [110000] },
  ],
  legalAidStandards: [
    { regions: ['110000'], monthlyIncomePerPerson: 1200, source: '《测试省法律援助经济困难标准》（测试文件）', effective: '2024-01-01' },
    { regions: ['110000'], monthlyIncomePerPerson: 1500, source: '《测试省法律援助经济困难标准（修订）》（测试文件）', effective: '2026-01-01' },
    { regions: ['110102'], monthlyIncomePerPerson: 1800, source: '《测试区标准》（测试文件）', effective: '2099-01-01' },
  ],
});

const directory = [
  { id: 'legal-aid-centre', name: '法律援助中心', handles: ['法律援助申请'], address: null, hours: null, phone: null },
  { id: 'court', name: '人民法院', handles: ['起诉立案'], address: null, hours: null, phone: null },
  { id: 'notary-office', name: '公证机构', handles: ['办理公证'], address: null, hours: null, phone: null },
];

describe('regional data', () => {
  it('matches a district exactly, a city by four digits and a province by two', () => {
    expect(regionMatch('110101', '110101')).toBe(3);
    expect(regionMatch('110100', '110105')).toBe(2);
    expect(regionMatch('110000', '110229')).toBe(1);
    expect(regionMatch('120000', '110101')).toBe(0);
    expect(regionMatch('110200', '110101')).toBe(0);
    expect(regionMatch('110102', '110101')).toBe(0);
  });

  it('picks the most specific offices of a kind and none for an unprovisioned region', () => {
    expect(officesForRegion(data.offices, 'legal-aid-centre', '110101').map((o) => o.id)).toEqual(['ce-shi-qu-legal-aid']);
    expect(officesForRegion(data.offices, 'legal-aid-centre', '110108').map((o) => o.id)).toEqual(['ce-shi-shi-legal-aid']);
    expect(officesForRegion(data.offices, 'legal-aid-centre', '120101')).toEqual([]);
    expect(officesForRegion(data.offices, 'legal-aid-centre', null)).toEqual([]);
  });

  it('takes the standard in force today at the most specific level, never one not yet in force', () => {
    expect(legalAidStandardFor(data.legalAidStandards, '110101', '2025-06-01')?.monthlyIncomePerPerson).toBe(1200);
    expect(legalAidStandardFor(data.legalAidStandards, '110101', '2026-12-07')?.monthlyIncomePerPerson).toBe(1500);
    expect(legalAidStandardFor(data.legalAidStandards, '110102', '2026-12-07')?.monthlyIncomePerPerson).toBe(1500);
    expect(legalAidStandardFor(data.legalAidStandards, '110101', '2023-12-31')).toBeNull();
    expect(legalAidStandardFor(data.legalAidStandards, '310101', '2026-12-07')).toBeNull();
  });

  it('puts the site offices first, lets them replace a pack office by id, and keeps the generic entry where nothing is known', () => {
    const site = [
      {
        id: 'ce-shi-qu-legal-aid',
        kind: 'legal-aid-centre',
        name: '测试区法律援助中心（本站窗口）',
        address: '测试路1号一楼',
        hours: null,
        phone: null,
        handles: [],
      },
      { id: 'site-notary', kind: 'notary-office', name: '测试公证处', address: '测试路4号', hours: null, phone: null, handles: ['遗嘱公证'] },
    ];
    const offices = resolveOffices(directory, data, '110101', site);
    expect(offices.map((o) => [o.kind, o.id, o.address])).toEqual([
      ['legal-aid-centre', 'ce-shi-qu-legal-aid', '测试路1号一楼'],
      ['court', 'ce-shi-court', '测试路3号'],
      ['notary-office', 'site-notary', '测试路4号'],
    ]);
    expect(offices[0]?.handles).toEqual(['法律援助申请']);
    expect(resolveOffices(directory, data, null).map((o) => [o.kind, o.address])).toEqual([
      ['legal-aid-centre', null],
      ['court', null],
      ['notary-office', null],
    ]);
  });

  it('rejects a five-digit region code', () => {
    const bad = regionalFileSchema.safeParse({ offices: [{ id: 'x', kind: 'court', name: 'x', address: null, hours: null, phone: null, regions: ['11010'] }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['offices', 0, 'regions', 0]);
  });
});
