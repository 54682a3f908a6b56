import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent, type ReactNode } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { loadRecognizer } from './load-recognizer';
import type { HandwritingRecognizer } from '../../../../../electron/common/handwriting/recognizer';
import type { Point } from '../../../../../electron/common/handwriting/template-format';
import keyboard from '../on-screen-keyboard.module.css';
import styles from './handwriting-pad.module.css';

export interface HandwritingPadProps {
  /** A candidate was tapped: the keyboard appends it to the text box. */
  onPick(character: string): void;
  /** Shown under the pad's own buttons: the keyboard's bottom keys (mode, 删除, 搜索…). */
  children?: ReactNode;
}

/** Ink: thick and near-black on white, for residents with weak eyesight. */
const INK = '#1b2430';
const INK_WIDTH = 10;
const GUIDE = '#c9d0da';
const CANDIDATES = 10;

/**
 * 手写: write one character with a finger, tap it among the candidates. Candidates update after
 * every stroke; the templates load the first time the pad opens. The pad keeps the text box
 * focused, like the keys, so a physical keyboard still works.
 */
export function HandwritingPad({ onPick, children }: HandwritingPadProps) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<HTMLDivElement>(null);
  /** Finished strokes; the one under the finger is drawn straight onto the canvas until it lifts. */
  const [strokes, setStrokes] = useState<readonly Point[][]>([]);
  const current = useRef<{ pointerId: number; points: Point[] } | undefined>(undefined);
  const strokeCount = strokes.length;
  const [recognizer, setRecognizer] = useState<HandwritingRecognizer | 'loading' | 'failed'>('loading');

  // The pad is taller than the key rows: on a short screen, bring all of it (and 搜索) into view.
  useEffect(() => {
    padRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);

  useEffect(() => {
    let live = true;
    loadRecognizer().then(
      (loaded) => live && setRecognizer(loaded),
      () => live && setRecognizer('failed'),
    );
    return () => {
      live = false;
    };
  }, []);

  const context = useCallback((): CanvasRenderingContext2D | null => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d') ?? null;
    if (canvas === null || ctx === null) return null;
    const ratio = window.devicePixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    return ctx;
  }, []);

  /** Guides (a 田字格, as in school exercise books) and every finished stroke. */
  const redraw = useCallback(
    (finished: readonly Point[][]): void => {
      const canvas = canvasRef.current;
      const ctx = context();
      if (canvas === null || ctx === null) return;
      const width = canvas.clientWidth;
      const height = canvas.clientHeight;
      ctx.clearRect(0, 0, width, height);
      ctx.strokeStyle = GUIDE;
      ctx.lineWidth = 2;
      ctx.setLineDash([8, 8]);
      ctx.beginPath();
      ctx.moveTo(width / 2, 0);
      ctx.lineTo(width / 2, height);
      ctx.moveTo(0, height / 2);
      ctx.lineTo(width, height / 2);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.strokeStyle = INK;
      ctx.fillStyle = INK;
      ctx.lineWidth = INK_WIDTH;
      for (const stroke of finished) drawStroke(ctx, stroke);
    },
    [context],
  );

  // The backing store follows the CSS size and the screen's pixel ratio, so ink stays sharp.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const resize = (): void => {
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.round(canvas.clientWidth * ratio);
      canvas.height = Math.round(canvas.clientHeight * ratio);
      redraw(strokes);
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [redraw, strokes]);

  // After each stroke (and once the templates arrive, if the resident started writing before).
  // Worked out while rendering, so the candidates never lag behind the ink.
  const candidates = useMemo(
    () => (typeof recognizer === 'string' ? [] : recognizer.recognize(strokes, CANDIDATES).map((candidate) => candidate.character)),
    [recognizer, strokes],
  );

  const pointOf = (event: PointerEvent<HTMLCanvasElement>): Point => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>): void => {
    // Keep the text box focused; one finger writes at a time.
    event.preventDefault();
    if (current.current !== undefined) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const point = pointOf(event);
    current.current = { pointerId: event.pointerId, points: [point] };
    const ctx = context();
    if (ctx !== null) {
      ctx.fillStyle = INK;
      drawStroke(ctx, [point]);
    }
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>): void => {
    const stroke = current.current;
    if (stroke === undefined || stroke.pointerId !== event.pointerId) return;
    const rect = event.currentTarget.getBoundingClientRect();
    // Coalesced events: every point the finger passed, not just one per frame.
    const native = event.nativeEvent;
    const events = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    const points = (events.length > 0 ? events : [native]).map((e) => ({ x: e.clientX - rect.left, y: e.clientY - rect.top }));
    const ctx = context();
    if (ctx !== null) {
      ctx.strokeStyle = INK;
      ctx.lineWidth = INK_WIDTH;
      drawStroke(ctx, [stroke.points[stroke.points.length - 1] as Point, ...points]);
    }
    stroke.points.push(...points);
  };

  const onPointerUp = (event: PointerEvent<HTMLCanvasElement>): void => {
    const stroke = current.current;
    if (stroke === undefined || stroke.pointerId !== event.pointerId) return;
    current.current = undefined;
    setStrokes((finished) => [...finished, stroke.points]);
  };

  const onPointerCancel = (event: PointerEvent<HTMLCanvasElement>): void => {
    if (current.current?.pointerId !== event.pointerId) return;
    current.current = undefined;
    redraw(strokes);
  };

  const reset = (): void => {
    current.current = undefined;
    setStrokes([]);
  };

  const undo = (): void => {
    setStrokes((finished) => finished.slice(0, -1));
  };

  const keepFocus = (event: PointerEvent<HTMLButtonElement>): void => event.preventDefault();

  let status: string | undefined;
  if (recognizer === 'loading') status = t('handwriting.loading');
  else if (recognizer === 'failed') status = t('handwriting.failed');
  else if (strokeCount > 0 && candidates.length === 0) status = t('handwriting.none');
  // Nothing written yet: say where to write, so the empty space is not a puzzle.
  else if (strokeCount === 0) status = t('handwriting.start');

  return (
    <div ref={padRef} className={styles.pad} data-testid="handwriting-pad" data-strokes={strokeCount} data-ready={typeof recognizer !== 'string'}>
      <canvas
        ref={canvasRef}
        className={styles.canvas}
        role="img"
        aria-label={t('handwriting.pad')}
        data-testid="handwriting-canvas"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerCancel}
      />
      <div className={styles.side}>
        <div className={styles.candidates} role="group" aria-label={t('handwriting.candidates')} data-testid="handwriting-candidates" aria-live="polite">
          {candidates.map((character) => (
            <button
              type="button"
              key={character}
              lang="zh-CN"
              className={`${keyboard.key} ${styles.candidate}`}
              onPointerDown={keepFocus}
              onClick={() => {
                onPick(character);
                reset();
              }}
              data-testid="handwriting-candidate"
            >
              {character}
            </button>
          ))}
          {status !== undefined && <p className={styles.status}>{status}</p>}
        </div>
        <div className={styles.actions}>
          <button type="button" className={`${keyboard.key} ${styles.action}`} onPointerDown={keepFocus} onClick={undo} data-key="handwriting-undo">
            {t('handwriting.undo')}
          </button>
          <button type="button" className={`${keyboard.key} ${styles.action}`} onPointerDown={keepFocus} onClick={reset} data-key="handwriting-clear">
            {t('handwriting.clear')}
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

function drawStroke(ctx: CanvasRenderingContext2D, points: readonly Point[]): void {
  const first = points[0];
  if (first === undefined) return;
  if (points.length === 1) {
    ctx.beginPath();
    ctx.arc(first.x, first.y, ctx.lineWidth / 2 || INK_WIDTH / 2, 0, Math.PI * 2);
    ctx.fill();
    return;
  }
  ctx.beginPath();
  ctx.moveTo(first.x, first.y);
  for (const point of points.slice(1)) ctx.lineTo(point.x, point.y);
  ctx.stroke();
}
