import type { Page } from 'playwright-core';

/** Geometry of what a person sees, for assertions about layout rather than markup. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The pairs of named boxes that overlap, as "a × b". */
export function clashes(boxes: Record<string, Box>): string[] {
  const names = Object.keys(boxes);
  return names.flatMap((a, i) =>
    names
      .slice(i + 1)
      .filter((b) => overlaps(boxes[a]!, boxes[b]!))
      .map((b) => `${a} × ${b}`),
  );
}

export interface TextBox extends Box {
  text: string;
}

/**
 * The box of every element a selector matches, in document order, with its text; `of: 'text'`
 * measures the words inside the element (not its cell or field): where a reader sees them.
 */
export function boxesOf(page: Page, selector: string, of: 'element' | 'text' = 'element'): Promise<TextBox[]> {
  return page.locator(selector).evaluateAll(
    (elements, measure) =>
      elements.map((el) => {
        let r = el.getBoundingClientRect();
        if (measure === 'text') {
          const range = document.createRange();
          range.selectNodeContents(el);
          r = range.getBoundingClientRect();
        }
        return { x: r.x, y: r.y, width: r.width, height: r.height, text: el.textContent ?? '' };
      }),
    of,
  );
}

/** Boxes by their text, for clashes(). */
export const byText = (boxes: TextBox[]) => Object.fromEntries(boxes.map((b, i) => [b.text || `#${i}`, b]));

/** Two animation frames: what a resize or a state change laid out has been painted. */
export const painted = (page: Page) =>
  page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));

export const middle = (box: Box) => box.y + box.height / 2;
export const right = (box: Box) => box.x + box.width;

/** How far apart the largest and smallest of some values are: 0 when they line up exactly. */
export const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
