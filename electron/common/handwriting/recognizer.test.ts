import { beforeAll, describe, expect, it } from 'vitest';
import { buildHandwritingTemplates, mediansToScreen, readHanziWriterCharacter } from '../../../scripts/build/build-handwriting';
import { ruledCharacters, ruledDrawing, seededRandom, synthesizeDrawing } from '../../../scripts/bench/handwriting-samples';
import { HandwritingRecognizer, MAX_STROKE_DIFFERENCE } from './recognizer';
import { decodeTemplates, makeTemplate, type CharacterTemplate, type Point } from './template-format';

// The real template set, built in memory from node_modules/hanzi-writer-data (about a second).
let templates: CharacterTemplate[];
let recognizer: HandwritingRecognizer;
beforeAll(() => {
  templates = decodeTemplates(buildHandwritingTemplates().bytes).templates;
  recognizer = new HandwritingRecognizer(templates);
});

const line = (x1: number, y1: number, x2: number, y2: number): Point[] =>
  Array.from({ length: 16 }, (_, i) => ({ x: x1 + ((x2 - x1) * i) / 15, y: y1 + ((y2 - y1) * i) / 15 }));

function fontStrokes(character: string): Point[][] {
  const data = readHanziWriterCharacter(character);
  if (data === undefined) throw new Error(`no data for ${character}`);
  return mediansToScreen(data.medians);
}

describe('HandwritingRecognizer', () => {
  it('covers the common characters and the kiosk content', () => {
    expect(recognizer.size).toBeGreaterThanOrEqual(3755);
    const characters = new Set(templates.map((t) => t.character));
    for (const character of '劳动合同工资法院押金赔偿') expect(characters.has(character)).toBe(true);
  });

  it('gives no candidates for an empty pad', () => {
    expect(recognizer.recognize([])).toEqual([]);
    expect(recognizer.recognize([[], []])).toEqual([]);
  });

  it('only proposes characters within two strokes of the drawing', () => {
    const strokeCounts = new Map(templates.map((t) => [t.character, t.strokeCount]));
    const drawing = [line(100, 100, 260, 100), line(180, 100, 180, 260), line(80, 260, 280, 260)];
    const candidates = recognizer.recognize(drawing, 50);
    expect(candidates).toHaveLength(50);
    for (const { character } of candidates) {
      expect(Math.abs((strokeCounts.get(character) ?? Infinity) - drawing.length)).toBeLessThanOrEqual(MAX_STROKE_DIFFERENCE);
    }
    // A one-stroke drawing never brings up a four-stroke character.
    for (const { character } of recognizer.recognize([line(60, 180, 300, 180)], 50)) {
      expect(strokeCounts.get(character)).toBeLessThanOrEqual(3);
    }
  });

  it('ranks best first, and finds the same character at any size and position', () => {
    const small = fontStrokes('法').map((stroke) => stroke.map(({ x, y }) => ({ x: x / 8 + 20, y: y / 8 + 500 })));
    const large = fontStrokes('法').map((stroke) => stroke.map(({ x, y }) => ({ x: x / 2, y: y / 2 })));
    for (const drawing of [small, large]) {
      const candidates = recognizer.recognize(drawing, 5);
      expect(candidates[0]?.character).toBe('法');
      const scores = candidates.map((c) => c.score);
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
    }
  });

  it('finds 人 大 中 法 工 资 in the top 5 when drawn from perturbed font strokes', () => {
    const random = seededRandom(2026);
    for (const character of '人大中法工资') {
      for (let sample = 0; sample < 5; sample++) {
        // The benchmark's standard perturbations; half the samples with two strokes swapped.
        const { strokes } = synthesizeDrawing(fontStrokes(character), random, { swapProbability: 0.5 });
        const top5 = recognizer.recognize(strokes, 5).map((c) => c.character);
        expect(top5, `${character} sample ${sample}`).toContain(character);
      }
    }
  });

  it('tolerates two strokes written in swapped order', () => {
    const strokes = fontStrokes('资');
    const swapped = [strokes[1], strokes[0], ...strokes.slice(2)] as Point[][];
    expect(recognizer.recognize(swapped, 5).map((c) => c.character)).toContain('资');
  });

  it('recognises simple characters drawn with straight lines, not copied from the font', () => {
    // 工 as the e2e test draws it: ─ │ ─.
    expect(recognizer.recognize([line(80, 90, 280, 90), line(180, 90, 180, 270), line(60, 270, 300, 270)], 5).map((c) => c.character)).toContain('工');
    let top5 = 0;
    const entries = Object.entries(ruledCharacters);
    for (const [character, strokes] of entries) {
      if (recognizer.recognize(ruledDrawing(strokes), 5).some((c) => c.character === character)) top5++;
    }
    expect(top5).toBe(entries.length);
  });

  it('prefers the template with the right stroke order when two differ only in order', () => {
    // Two made-up templates with the same strokes in opposite order.
    const across = line(0, 50, 100, 50);
    const down = line(50, 0, 50, 100);
    const tiny = new HandwritingRecognizer([makeTemplate('甲', [across, down]), makeTemplate('乙', [down, across])]);
    expect(tiny.recognize([across, down]).map((c) => c.character)).toEqual(['甲', '乙']);
    expect(tiny.recognize([down, across]).map((c) => c.character)).toEqual(['乙', '甲']);
  });
});
