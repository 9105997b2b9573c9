/**
 * How much of an image a set of lens circles showed clear, together: the share of a fine grid of
 * cells whose centre lies inside any circle. Circles are in image fractions, the radius a
 * fraction of the shorter side, as the preview request gives them.
 */
export function coveredFraction(circles: ReadonlyArray<{ x: number; y: number; r: number }>, width: number, height: number, cells = 96): number {
  if (circles.length === 0) return 0;
  const shorter = Math.min(width, height);
  let covered = 0;
  for (let row = 0; row < cells; row += 1) {
    const py = ((row + 0.5) / cells) * height;
    for (let col = 0; col < cells; col += 1) {
      const px = ((col + 0.5) / cells) * width;
      const inside = circles.some((c) => {
        const dx = px - c.x * width;
        const dy = py - c.y * height;
        const radius = c.r * shorter;
        return dx * dx + dy * dy <= radius * radius;
      });
      if (inside) covered += 1;
    }
  }
  return covered / (cells * cells);
}
