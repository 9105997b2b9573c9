import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeImage, type DecodeResult, type UnanalysableCode } from '../../../electron/core/media/decode';
import { blackBilevelPng, collectingLogger, texturedJpeg, texturedPng } from './fixtures';

function failureCode(result: DecodeResult): UnanalysableCode | 'decoded' {
  return result.ok ? 'decoded' : result.failure.code;
}

async function refusal(bytes: Buffer, declaredMime?: string) {
  const { lines, log } = collectingLogger();
  const result = await decodeImage(bytes, declaredMime, { log, context: 'item=test-1' });
  if (result.ok) throw new Error('expected the input to be refused');
  return { ...result.failure, lines };
}

describe('decodeImage refuses bad input with a readable reason', () => {
  afterEach(() => vi.restoreAllMocks());

  it('refuses a zero-byte file', async () => {
    const failure = await refusal(Buffer.alloc(0), 'image/jpeg');
    expect(failure.code).toBe('empty');
    expect(failure.message).toMatch(/empty/);
  });

  it.each([0.3, 0.6, 0.95])('reports a JPEG cut to %s of its length as truncated', async (fraction) => {
    const jpeg = await texturedJpeg(200, 150);
    expect(failureCode(await decodeImage(jpeg.subarray(0, Math.floor(jpeg.length * fraction)), 'image/jpeg', { log: () => {} }))).toBe('truncated');
  });

  it.each([40, 100, 0.5, 0.9])('reports a PNG cut at %s as truncated', async (cut) => {
    const png = await texturedPng(200, 150);
    const length = cut < 1 ? Math.floor(png.length * cut) : cut;
    expect(failureCode(await decodeImage(png.subarray(0, length), 'image/png', { log: () => {} }))).toBe('truncated');
  });

  it('reports a complete PNG with damaged image data as corrupt, not truncated', async () => {
    const png = Buffer.from(await texturedPng(200, 150));
    const idat = png.indexOf('IDAT');
    for (let i = idat + 40; i < idat + 80; i++) png[i] = (png[i] ?? 0) ^ 0x5a;
    const failure = await refusal(png, 'image/png');
    expect(failure.code).toBe('corrupt');
    expect(failure.message).toMatch(/PNG file is damaged/);
  });

  it.each([
    ['a PNG declared as JPEG', 'png', 'image/jpeg'],
    ['a JPEG declared as SVG', 'jpeg', 'image/svg+xml'],
    ['a JPEG declared as video', 'jpeg', 'video/mp4'],
    ['a PNG declared as WebP', 'png', 'image/webp'],
  ] as const)('refuses %s as a type mismatch', async (_name, actual, declared) => {
    const bytes = actual === 'png' ? await texturedPng(20, 20) : await texturedJpeg(20, 20);
    const failure = await refusal(bytes, declared);
    expect(failure.code).toBe('type_mismatch');
    expect(failure.message).toContain(declared);
  });

  it('refuses a 30000 x 30000 PNG bomb from its header, fast and without decoding it', async () => {
    const bomb = blackBilevelPng(30_000, 30_000);
    expect(bomb.length).toBeLessThan(200_000);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const failure = await refusal(bomb, 'image/png');
    const elapsed = performance.now() - started;
    expect(failure.code).toBe('too_many_pixels');
    expect(failure.message).toContain('30000 x 30000');
    expect(elapsed).toBeLessThan(500);
    // Decoding would need 2.7 GB of RGB; refusing from the header needs next to nothing.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses a 48-megapixel PNG that sharp alone would have decoded, and decodes the same generator at a legal size', async () => {
    expect((await refusal(blackBilevelPng(8000, 6000))).code).toBe('too_many_pixels');
    const legal = await decodeImage(blackBilevelPng(1000, 800));
    expect(legal.ok && [legal.image.width, legal.image.height, legal.image.data[0]]).toEqual([1000, 800, 0]);
  });

  it('honours a caller-supplied pixel limit', async () => {
    const { lines, log } = collectingLogger();
    const result = await decodeImage(await texturedPng(100, 100), undefined, { log, limits: { maxPixels: 9_999 } });
    expect(failureCode(result)).toBe('too_many_pixels');
    expect(lines).toHaveLength(1);
  });

  it('refuses files over the byte limit before looking inside them', async () => {
    const result = await decodeImage(await texturedPng(100, 100), 'image/png', { log: () => {}, limits: { maxBytes: 1000 } });
    expect(failureCode(result)).toBe('too_many_bytes');
  });

  it.each([
    ['plain SVG', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'utf8'],
    ['SVG with XML prolog and doctype', '\n  <?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>', 'utf8'],
    ['SVG with a UTF-8 BOM', '\uFEFF<svg width="10" height="10"/>', 'utf8'],
    ['SVG in UTF-16LE', '\uFEFF<svg width="10" height="10"/>', 'utf16le'],
  ] as const)('refuses a %s, whatever it claims to be', async (_name, text, encoding) => {
    for (const declared of [undefined, 'image/svg+xml', 'image/png']) {
      const failure = await refusal(Buffer.from(text, encoding), declared);
      expect(failure.code).toBe('svg_refused');
    }
  });

  it('refuses an SVG in UTF-16BE', async () => {
    const littleEndian = Buffer.from('\uFEFF<svg/>', 'utf16le');
    expect((await refusal(Buffer.from(littleEndian).swap16())).code).toBe('svg_refused');
  });

  it('refuses non-SVG markup and other real formats as unsupported, naming what they are', async () => {
    expect((await refusal(Buffer.from('<html><body>hi</body></html>'))).message).toMatch(/XML or HTML/);
    expect((await refusal(Buffer.from('II*\u0000rest-of-a-tiff', 'latin1'))).message).toMatch(/TIFF/);
    expect((await refusal(Buffer.from('%PDF-1.7 ...'))).message).toMatch(/PDF/);
    expect((await refusal(Buffer.from('\u0000\u0000\u0000\u0018ftypheic0000', 'latin1'))).message).toMatch(/HEIC/);
  });

  it.each([
    [4, 4],
    [100, 4],
    [3, 300],
  ])('refuses a %i x %i image as too small', async (width, height) => {
    const failure = await refusal(await texturedPng(width, height));
    expect(failure.code).toBe('too_small');
    expect(failure.message).toContain(`${width} x ${height}`);
  });

  it('refuses random garbage as not an image', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24));
    expect((await refusal(garbage)).code).toBe('unsupported_type');
  });

  it('writes exactly one log line per refusal, with the context, code and decoder cause', async () => {
    const jpeg = await texturedJpeg(100, 100);
    const failure = await refusal(jpeg.subarray(0, 500), 'image/jpeg');
    expect(failure.lines).toHaveLength(1);
    expect(failure.lines[0]).toMatch(
      /^decode refused \[item=test-1\] code=truncated bytes=500 declared="image\/jpeg" cause=".*premature end.*": The JPEG file is cut short/,
    );
  });

  it('logs to console.warn when no logger is injected', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await decodeImage(Buffer.alloc(0));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('code=empty');
  });
});
