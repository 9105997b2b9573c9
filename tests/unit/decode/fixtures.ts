import { constants, crc32, deflateSync } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';

/** Deterministic RGB with fine checkers, stripes and a gradient: plenty of high-frequency detail to blur away. */
export function texturedRgb(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = ((x >> 2) + (y >> 2)) % 2 === 0 ? 230 : 20;
      data[i + 1] = (x * 255) / Math.max(1, width - 1);
      data[i + 2] = (y % 6 < 3 ? 200 : 40) ^ (x & 0x1f);
    }
  }
  return data;
}

function textured(width: number, height: number): Sharp {
  return sharp(texturedRgb(width, height), { raw: { width, height, channels: 3 } });
}

export function texturedJpeg(width: number, height: number, orientation?: number): Promise<Buffer> {
  const image = textured(width, height).jpeg({ quality: 92 });
  return (orientation ? image.withMetadata({ orientation }) : image).toBuffer();
}

export function texturedPng(width: number, height: number): Promise<Buffer> {
  return textured(width, height).png().toBuffer();
}

export function texturedWebp(width: number, height: number): Promise<Buffer> {
  return textured(width, height).webp({ quality: 90 }).toBuffer();
}

/** An animated GIF whose frame i is filled with red = 40 * i, so a test can tell which frame it got. */
export function numberedGif(frames: number, width = 16, height = 12): Promise<Buffer> {
  const pages = Array.from({ length: frames }, (_, i) => Buffer.alloc(width * height * 3).fill(Buffer.from([(40 * i) % 256, 0, 0])));
  return sharp(Buffer.concat(pages), { raw: { width, height: height * frames, channels: 3, pageHeight: height } })
    .gif({ delay: Array(frames).fill(100) })
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A complete, valid 1-bit black PNG of any size. 30000 x 30000 is about 110 kB on disk and 900
 * megapixels decoded: a decompression bomb, built in ~0.1 s from a run-length deflate of zero rows.
 */
export function blackBilevelPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8);
  const rowBytes = 1 + Math.ceil(width / 8);
  const idat = deflateSync(Buffer.alloc(rowBytes * height), { level: 9, strategy: constants.Z_RLE });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export function collectingLogger(): { lines: string[]; log: (line: string) => void } {
  const lines: string[] = [];
  return { lines, log: (line) => lines.push(line) };
}
