import sharp from 'sharp';

export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

export async function pixelsOf(encoded: Buffer): Promise<Pixels> {
  const { data, info } = await sharp(encoded).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Mean absolute 4-neighbour Laplacian of the first channel: how much fine detail survives. */
export function meanAbsLaplacian({ data, width, height, channels }: Pixels): number {
  const at = (x: number, y: number) => data[(y * width + x) * channels] ?? 0;
  let sum = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      sum += Math.abs(4 * at(x, y) - at(x - 1, y) - at(x + 1, y) - at(x, y - 1) - at(x, y + 1));
    }
  }
  return sum / ((width - 2) * (height - 2));
}

function checker(x: number, y: number, cell: number): number {
  return (Math.floor(x / cell) + Math.floor(y / cell)) % 2;
}

/** Checkers at three scales (8, 32 and 128 px), so each blur tier has some detail left to remove. */
export function multiScaleJpeg(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const level = 30 + 50 * checker(x, y, 8) + 70 * checker(x, y, 32) + 90 * checker(x, y, 128);
      data.set([level, Math.max(0, level - 20), Math.min(255, level + 15)], (y * width + x) * 3);
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
}
