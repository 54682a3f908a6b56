import { describe, expect, it } from 'vitest';
import { carriesVintageNotice, lawVintageFileSchema, listedLawsIn, vintageNotice, vintageNotices } from './law-vintage';

const vintage = lawVintageFileSchema.parse({
  laws: [
    { law: '治安管理处罚法', date: '2025-06-27', inForce: '2026-01-01', source: '新华社2025年6月27日电' },
    { law: '某某条例', date: null, inForce: null, source: '检查用来源' },
    { law: '消费者权益保护法实施条例', event: 'enacted', date: null, inForce: '2024-07-01', source: '新华社2024年3月报道' },
  ],
});
const [security, unknown, consumer] = vintage.laws;

describe('law vintage', () => {
  it('writes the notice with verified dates only', () => {
    if (!security || !unknown || !consumer) throw new Error('fixture');
    expect(vintageNotice(security)).toBe('《治安管理处罚法》已于2025年6月27日修订，自2026年1月1日起施行，条文序号和内容可能有变化，请向工作人员核实');
    expect(vintageNotice(unknown)).toBe('《某某条例》已修订，条文序号和内容可能有变化，请向工作人员核实');
    expect(vintageNotice(consumer)).toBe('《消费者权益保护法实施条例》自2024年7月1日起施行，本机法律库还没有收录，请向工作人员核实');
  });

  it('finds listed laws by citation or by name in the text', () => {
    expect(vintageNotices(['民法典', '治安管理处罚法'], vintage)).toHaveLength(1);
    expect(listedLawsIn(['民法典'], '骗子也可能受到治安管理处罚。治安管理处罚法已于2025年修订。', vintage).map((e) => e.law)).toEqual(['治安管理处罚法']);
    expect(listedLawsIn(['民法典'], '可以要求赔偿。', vintage)).toEqual([]);
  });

  it('accepts the editors’ own wording of the notice, not a bare mention', () => {
    if (!security || !unknown) throw new Error('fixture');
    expect(carriesVintageNotice('治安管理处罚法已于2025年修订，自2026年1月1日起施行，条文序号和内容可能有变化，请向工作人员核实。', security)).toBe(true);
    expect(carriesVintageNotice('某某条例已修订，条文序号和内容可能有变化，要带哪些证件请向工作人员核实。', unknown)).toBe(true);
    expect(carriesVintageNotice('依照治安管理处罚法第四十三条处罚。', security)).toBe(false);
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(lawVintageFileSchema.safeParse({ laws: [{ law: '某法', date: '2025年', inForce: null, source: '检查用来源' }] }).success).toBe(false);
  });
});
