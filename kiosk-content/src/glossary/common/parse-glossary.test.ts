import { describe, expect, it } from 'vitest';
import { formatGlossaryProblem } from './glossary-types';
import { checkTerm, parseGlossary } from './parse-glossary';

const good = [
  'domain: labour', // 1
  'entries:', // 2
  '  - colloquial: [老板, 厂里]', // 3
  '    legal: [用人单位]', // 4
  '  - colloquial:', // 5
  '      - 工资', // 6
  '      - 工钱', // 7
  '    legal:', // 8
  '      - 劳动报酬', // 9
  '      - 工资', // 10
  '',
].join('\n');

describe('parseGlossary', () => {
  it('reads entries with their domain, file and lines', () => {
    const result = parseGlossary('glossary/labour.yaml', good);
    expect(result.problems).toEqual([]);
    expect(result.domain).toBe('labour');
    expect(result.entries).toEqual([
      { domain: 'labour', colloquial: ['老板', '厂里'], legal: ['用人单位'], file: 'glossary/labour.yaml', line: 3, legalLines: [4] },
      {
        domain: 'labour',
        colloquial: ['工资', '工钱'],
        legal: ['劳动报酬', '工资'],
        file: 'glossary/labour.yaml',
        line: 5,
        legalLines: [9, 10],
      },
    ]);
  });

  it('reports an unknown domain and a file named after another domain', () => {
    const unknown = parseGlossary('x/labour.yaml', 'domain: lawn-mowing\nentries:\n  - colloquial: [老板]\n    legal: [用人单位]\n');
    expect(unknown.domain).toBeNull();
    expect(unknown.entries).toEqual([]);
    expect(unknown.problems).toEqual([expect.objectContaining({ line: 1, field: 'domain', message: expect.stringContaining('unknown domain "lawn-mowing"') })]);
    const misnamed = parseGlossary('x/traffic.yaml', good);
    expect(misnamed.problems).toEqual([
      expect.objectContaining({ line: 1, field: 'domain', message: 'file is named traffic.yaml but declares domain labour' }),
    ]);
  });

  it('reports empty and missing lists at their lines and drops those entries', () => {
    const text = 'domain: labour\nentries:\n  - colloquial: []\n    legal: [用人单位]\n  - colloquial: [工资]\n  - colloquial: [加班]\n    legal: [加班]\n';
    const result = parseGlossary('labour.yaml', text);
    expect(result.problems.map(formatGlossaryProblem)).toEqual([
      'labour.yaml:3: entries[0].colloquial: empty list',
      'labour.yaml:5: entries[1].legal: missing',
    ]);
    expect(result.entries.map((e) => e.colloquial)).toEqual([['加班']]);
  });

  it('reports a colloquial term repeated within the domain, pointing at both lines', () => {
    const text =
      'domain: labour\nentries:\n  - colloquial: [老板]\n    legal: [用人单位]\n  - colloquial:\n      - 工资\n      - 老板\n    legal: [劳动报酬]\n';
    const result = parseGlossary('labour.yaml', text);
    expect(result.problems).toEqual([
      { file: 'labour.yaml', line: 7, field: 'entries[1].colloquial', message: 'duplicate colloquial term "老板" (first at line 3)' },
    ]);
    expect(result.entries).toHaveLength(1);
  });

  it('reports a term listed twice in one entry', () => {
    const result = parseGlossary('labour.yaml', 'domain: labour\nentries:\n  - colloquial: [老板]\n    legal: [用人单位, 用人单位]\n');
    expect(result.problems.map((p) => p.field)).toEqual(['entries[0].legal[1]']);
  });

  it('reports terms that are too long or not Chinese', () => {
    const text = [
      'domain: consumer',
      'entries:',
      '  - colloquial: [买到假货了我要去投诉商家退一赔三, "hello", "假 货", 4S店]',
      '    legal: [欺诈, 123]',
      '',
    ].join('\n');
    const result = parseGlossary('consumer.yaml', text);
    expect(result.problems.map((p) => `${p.line} ${p.field}`)).toEqual([
      '3 entries[0].colloquial[0]',
      '3 entries[0].colloquial[1]',
      '3 entries[0].colloquial[2]',
      '4 entries[0].legal[1]',
    ]);
    expect(result.problems[0]?.message).toContain('16 characters long (at most 12)');
    expect(result.entries).toEqual([]);
  });

  it('reports unknown keys and non-list shapes', () => {
    const text = 'domain: labour\nnote: x\nentries:\n  - colloquial: 老板\n    legal: [用人单位]\n    see: [x]\n  - 工资\n';
    const result = parseGlossary('labour.yaml', text);
    expect(result.problems.map(formatGlossaryProblem)).toEqual([
      'labour.yaml:2: note: unknown key (expected domain, entries)',
      'labour.yaml:6: entries[0].see: unknown key (expected colloquial, legal)',
      'labour.yaml:4: entries[0].colloquial: must be a list of terms',
      'labour.yaml:7: entries[1]: expected a mapping with keys colloquial and legal',
    ]);
  });

  it('turns YAML syntax errors and a missing document into problems instead of throwing', () => {
    const broken = parseGlossary('labour.yaml', 'domain: labour\nentries:\n  - colloquial: [老板\n    legal: [用人单位]\n');
    expect(broken.entries).toEqual([]);
    expect(broken.problems.length).toBeGreaterThan(0);
    expect(broken.problems[0]?.field).toBe('(yaml)');
    const duplicateKey = parseGlossary('labour.yaml', 'domain: labour\ndomain: traffic\nentries: []\n');
    expect(duplicateKey.problems[0]).toEqual(expect.objectContaining({ line: 2, field: '(yaml)' }));
    expect(parseGlossary('labour.yaml', '').problems).toEqual([expect.objectContaining({ line: 1, field: '(root)' })]);
    expect(parseGlossary('labour.yaml', 'domain: labour\nentries: []\n').problems).toEqual([
      expect.objectContaining({ line: 2, field: 'entries', message: 'empty list' }),
    ]);
  });
});

describe('checkTerm', () => {
  it('accepts Chinese words, with letters or digits where people use them', () => {
    expect(checkTerm('用人单位')).toBeNull();
    expect(checkTerm('4S店')).toBeNull();
    expect(checkTerm('一二三四五六七八九十一二')).toBeNull();
  });
  it('rejects junk', () => {
    expect(checkTerm('')).toBe('empty term');
    expect(checkTerm('abc')).toContain('no Chinese');
    expect(checkTerm('欠薪！')).toContain('punctuation');
    expect(checkTerm(' 欠薪')).toContain('spaces');
    expect(checkTerm('一二三四五六七八九十一二三')).toContain('13 characters');
  });
});
