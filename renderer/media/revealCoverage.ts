/**
 * How much of an image a hover reveal showed clear, for reveal.end's areaFraction: the share of a
 * grid of cells whose centre came within the lens radius at any pointer position. Counting cells
 * rather than lens area means sweeping the whole image reports the whole image.
 */
export interface RevealCoverage {
  /** A pointer position, in image pixels as displayed. */
  add(x: number, y: number): void;
  fraction(): number;
}

export function createRevealCoverage(width: number, height: number, radius: number, cells = 24): RevealCoverage {
  const seen = new Uint8Array(cells * cells);
  // A frame not laid out yet (zero size) still counts: as one pixel, so a reveal is never 0 by accident.
  const cellW = Math.max(1, width) / cells;
  const cellH = Math.max(1, height) / cells;
  let count = 0;
  return {
    add(x, y) {
      const fromCol = Math.max(0, Math.floor((x - radius) / cellW));
      const toCol = Math.min(cells - 1, Math.floor((x + radius) / cellW));
      const fromRow = Math.max(0, Math.floor((y - radius) / cellH));
      const toRow = Math.min(cells - 1, Math.floor((y + radius) / cellH));
      for (let row = fromRow; row <= toRow; row += 1) {
        for (let col = fromCol; col <= toCol; col += 1) {
          const index = row * cells + col;
          if (seen[index]) continue;
          const dx = (col + 0.5) * cellW - x;
          const dy = (row + 0.5) * cellH - y;
          if (dx * dx + dy * dy > radius * radius) continue;
          seen[index] = 1;
          count += 1;
        }
      }
    },
    fraction() {
      return count / (cells * cells);
    },
  };
}
