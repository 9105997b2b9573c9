import sharp, { type Sharp } from 'sharp';
import type { DemoMedia } from './types';
import type { Random } from './random';

export interface RenderedImage {
  bytes: Buffer;
  mimeType: DemoMedia['mimeType'];
  width: number;
  height: number;
}

const PALETTE = [
  '#e63946',
  '#f1faee',
  '#a8dadc',
  '#457b9d',
  '#1d3557',
  '#ffb703',
  '#fb8500',
  '#8ecae6',
  '#2a9d8f',
  '#e9c46a',
  '#f4a261',
  '#264653',
  '#6a4c93',
  '#ff595e',
  '#8ac926',
  '#1982c4',
];

const ASPECTS = [1, 4 / 3, 3 / 4, 16 / 9, 9 / 16, 3 / 2];
const MIN_SIDE = 320;
const MAX_SIDE = 1200;

// Fixed encoder options: with the same libvips build these give identical bytes every run.
const JPEG_OPTIONS = { quality: 82, chromaSubsampling: '4:2:0', mozjpeg: false } as const;
const PNG_OPTIONS = { compressionLevel: 6, adaptiveFiltering: false, palette: false } as const;

function dimensions(rng: Random): { width: number; height: number } {
  const aspect = rng.pick(ASPECTS);
  const longSide = rng.int(MIN_SIDE, MAX_SIDE);
  const shortSide = Math.max(MIN_SIDE, Math.round(longSide / Math.max(aspect, 1 / aspect)));
  return aspect >= 1 ? { width: longSide, height: shortSide } : { width: shortSide, height: longSide };
}

function shape(rng: Random, width: number, height: number): string {
  const fill = rng.pick(PALETTE);
  const opacity = (0.35 + rng.next() * 0.6).toFixed(2);
  const x = rng.int(0, width);
  const y = rng.int(0, height);
  const size = rng.int(Math.round(Math.min(width, height) / 10), Math.round(Math.min(width, height) / 2));
  switch (rng.int(0, 3)) {
    case 0:
      return `<circle cx="${x}" cy="${y}" r="${size}" fill="${fill}" fill-opacity="${opacity}"/>`;
    case 1:
      return `<rect x="${x - size}" y="${y - size / 2}" width="${size * 2}" height="${size}" fill="${fill}" fill-opacity="${opacity}" transform="rotate(${rng.int(0, 179)} ${x} ${y})"/>`;
    case 2: {
      const points = [0, 1, 2].map(() => `${x + rng.int(-size, size)},${y + rng.int(-size, size)}`).join(' ');
      return `<polygon points="${points}" fill="${fill}" fill-opacity="${opacity}"/>`;
    }
    default: {
      const wave = `M0 ${y} C ${width / 3} ${y - size}, ${(2 * width) / 3} ${y + size}, ${width} ${y}`;
      return `<path d="${wave}" stroke="${fill}" stroke-width="${Math.max(4, size / 4)}" stroke-opacity="${opacity}" fill="none"/>`;
    }
  }
}

function sceneSvg(rng: Random, width: number, height: number): string {
  const from = rng.pick(PALETTE);
  const to = rng.pick(PALETTE);
  const gradient = rng.chance(0.5)
    ? `<linearGradient id="bg" x1="0" y1="0" x2="${rng.next().toFixed(2)}" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>`
    : `<radialGradient id="bg" cx="${rng.next().toFixed(2)}" cy="${rng.next().toFixed(2)}" r="0.9"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></radialGradient>`;
  const shapes = Array.from({ length: rng.int(3, 9) }, () => shape(rng, width, height)).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs>${gradient}</defs><rect width="100%" height="100%" fill="url(#bg)"/>${shapes}</svg>`;
}

/** Small grey noise tile, repeated over the image: texture without per-pixel JS work at full size. */
async function noiseTile(rng: Random): Promise<Buffer> {
  const side = 64;
  const pixels = Buffer.alloc(side * side);
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = 96 + Math.floor(rng.next() * 64);
  return sharp(pixels, { raw: { width: side, height: side, channels: 1 } })
    .png()
    .toBuffer();
}

async function encode(image: Sharp, mimeType: DemoMedia['mimeType']): Promise<Buffer> {
  return mimeType === 'image/jpeg' ? image.jpeg(JPEG_OPTIONS).toBuffer() : image.png(PNG_OPTIONS).toBuffer();
}

/** A random abstract scene: gradient background, translucent shapes, a little noise. */
export async function renderSceneImage(rng: Random): Promise<RenderedImage> {
  const { width, height } = dimensions(rng);
  // PNG for the smaller images keeps the mix realistic without slow zlib on large frames.
  const mimeType = width * height < 420_000 && rng.chance(0.5) ? 'image/png' : 'image/jpeg';
  const svg = sceneSvg(rng, width, height);
  const tile = await noiseTile(rng);
  const image = sharp(Buffer.from(svg))
    .composite([{ input: tile, tile: true, blend: 'soft-light' }])
    .removeAlpha();
  const bytes = await encode(image, mimeType);
  return { bytes, mimeType, width, height };
}

/**
 * The stand-in for a child-safety hash-bank hit: concentric rings over a checkerboard.
 * It ignores the seed on purpose so a demo hash bank can list one fixed hash.
 */
export async function renderHashBankPattern(): Promise<RenderedImage> {
  const side = 512;
  const cell = 32;
  const squares: string[] = [];
  for (let row = 0; row < side / cell; row += 1) {
    for (let col = row % 2; col < side / cell; col += 2) {
      squares.push(`<rect x="${col * cell}" y="${row * cell}" width="${cell}" height="${cell}" fill="#222"/>`);
    }
  }
  const rings = Array.from(
    { length: 8 },
    (_, i) => `<circle cx="256" cy="256" r="${240 - i * 28}" fill="none" stroke="${i % 2 === 0 ? '#d00000' : '#ffba08'}" stroke-width="12"/>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}"><rect width="100%" height="100%" fill="#eee"/>${squares.join('')}${rings}</svg>`;
  const bytes = await encode(sharp(Buffer.from(svg)).removeAlpha(), 'image/png');
  return { bytes, mimeType: 'image/png', width: side, height: side };
}
