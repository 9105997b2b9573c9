import type { ImageHeader } from '../decode';

export interface DisplaySize {
  width: number;
  height: number;
}

/** EXIF orientations 5-8 turn the image a quarter, so what is shown is the stored size transposed. */
function isQuarterTurn(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8;
}

/** The upright size that fits in maxSize x maxSize without enlarging. */
export function displaySize(header: ImageHeader, maxSize: number): DisplaySize {
  const [width, height] = isQuarterTurn(header.orientation) ? [header.height, header.width] : [header.width, header.height];
  const scale = Math.min(1, maxSize / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
