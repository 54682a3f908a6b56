import { describe, expect, it } from 'vitest';
import {
  decodeTemplates,
  encodeTemplates,
  FLAG_IN_CONTENT,
  makeTemplate,
  normalizeStrokes,
  POINTS_PER_STROKE,
  prepareStrokes,
  resampleStroke,
} from './template-format';

describe('normalizeStrokes', () => {
  it('fits the bounding box into the unit square by its longer side, keeping the aspect and centring it', () => {
    // A 200 × 100 box at (100, 50): the width fills the square, the height is centred.
    const [stroke] = normalizeStrokes([
      [
        { x: 100, y: 50 },
        { x: 300, y: 150 },
      ],
    ]);
    expect(stroke).toEqual([
      { x: 0, y: 0.25 },
      { x: 1, y: 0.75 },
    ]);
  });

  it('is the same for a drawing at any scale and position', () => {
    const drawing = [
      [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
      ],
      [
        { x: 5, y: -5 },
        { x: 5, y: 20 },
      ],
    ];
    const moved = drawing.map((stroke) => stroke.map(({ x, y }) => ({ x: x * 7 + 300, y: y * 7 - 40 })));
    const a = normalizeStrokes(drawing);
    const b = normalizeStrokes(moved);
    a.flat().forEach((point, i) => {
      expect(point.x).toBeCloseTo(b.flat()[i]?.x ?? NaN, 9);
      expect(point.y).toBeCloseTo(b.flat()[i]?.y ?? NaN, 9);
    });
  });

  it('puts a single dot in the centre', () => {
    expect(normalizeStrokes([[{ x: 40, y: 40 }]])).toEqual([[{ x: 0.5, y: 0.5 }]]);
    expect(prepareStrokes([[{ x: 40, y: 40 }]])[0]).toHaveLength(POINTS_PER_STROKE);
  });
});

describe('resampleStroke', () => {
  it('spaces points evenly along the polyline, ends included', () => {
    const points = resampleStroke(
      [
        { x: 0, y: 0 },
        { x: 3, y: 0 },
        { x: 3, y: 4 },
      ],
      8,
    );
    expect(points).toHaveLength(8);
    expect(points[0]).toEqual({ x: 0, y: 0 });
    expect(points[7]).toEqual({ x: 3, y: 4 });
    // Total length 7: one point per unit of length.
    expect(points[3]).toEqual({ x: 3, y: 0 });
    expect(points[5]?.y).toBeCloseTo(2, 9);
  });
});

describe('template file', () => {
  it('round-trips templates and the licence notice', () => {
    const templates = [
      makeTemplate('一', [
        [
          { x: 0, y: 10 },
          { x: 100, y: 12 },
        ],
      ]),
      makeTemplate(
        '𠀀',
        [
          [
            { x: 0, y: 0 },
            { x: 0, y: 50 },
          ],
          [
            { x: -20, y: 30 },
            { x: 30, y: 30 },
          ],
        ],
        FLAG_IN_CONTENT,
      ),
    ];
    const bytes = encodeTemplates({ notice: '由 Arphic 数据变换而来', templates });
    const decoded = decodeTemplates(bytes);
    expect(decoded.notice).toBe('由 Arphic 数据变换而来');
    expect(decoded.templates.map((t) => [t.character, t.strokeCount, t.flags])).toEqual([
      ['一', 1, 0],
      ['𠀀', 2, FLAG_IN_CONTENT],
    ]);
    expect(Array.from(decoded.templates[1]?.points ?? [])).toEqual(Array.from(templates[1]?.points ?? []));
    // 一 fills the width: x from 0 to 255, y in the middle.
    expect(decoded.templates[0]?.points[0]).toBe(0);
    expect(decoded.templates[0]?.points[(POINTS_PER_STROKE - 1) * 2]).toBe(255);
  });

  it('rejects a file that is not a template file, or is cut short', () => {
    const bytes = encodeTemplates({
      notice: 'n',
      templates: [
        makeTemplate('人', [
          [
            { x: 0, y: 0 },
            { x: 5, y: 5 },
          ],
        ]),
      ],
    });
    expect(() => decodeTemplates(new TextEncoder().encode('<!doctype html><html>'))).toThrow(/magic/);
    expect(() => decodeTemplates(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated/);
  });
});
