import { describe, expect, it } from 'vitest';
import { decodeFrameStrip, type FrameStripResult } from '../../../electron/core/media/decode';
import { sampleFrameIndices } from '../../../electron/core/media/decode/frameStrip';
import { collectingLogger, numberedGif, texturedPng } from './fixtures';

function redOfEachFrame(result: FrameStripResult): Array<[number, number | undefined]> {
  if (!result.ok) throw new Error(`expected frames, got ${result.failure.code}`);
  return result.frames.map(({ index, image }) => [index, image.data[0]]);
}

describe('decodeFrameStrip', () => {
  it('spreads the frames it takes across the whole animation, first and last included', async () => {
    const strip = await decodeFrameStrip(await numberedGif(10), 4);
    expect(redOfEachFrame(strip)).toEqual([
      [0, 0],
      [3, 120],
      [6, 240],
      [9, 104],
    ]);
  });

  it('returns every frame when asked for at least as many as there are', async () => {
    expect(redOfEachFrame(await decodeFrameStrip(await numberedGif(3), 8)).map(([index]) => index)).toEqual([0, 1, 2]);
  });

  it('returns a still image as one frame', async () => {
    const strip = await decodeFrameStrip(await texturedPng(20, 20), 5);
    expect(strip.ok && strip.frames.map((f) => [f.index, f.image.width, f.image.frameCount])).toEqual([[0, 20, 1]]);
  });

  it('keeps all frames together within the pixel limit', async () => {
    const strip = await decodeFrameStrip(await numberedGif(10, 16, 12), 10, { limits: { maxPixels: 16 * 12 * 3 } });
    expect(redOfEachFrame(strip).map(([index]) => index)).toEqual([0, 5, 9]);
  });

  it('refuses bad input with a reason and one log line instead of throwing', async () => {
    const { lines, log } = collectingLogger();
    const strip = await decodeFrameStrip(Buffer.from('<svg/>'), 4, { log, context: 'item=9' });
    expect(strip.ok ? 'decoded' : strip.failure.code).toBe('svg_refused');
    expect(lines).toEqual([expect.stringMatching(/^frame-strip refused \[item=9\] code=svg_refused/)]);
  });

  it('rejects a frame count that is not a positive whole number', async () => {
    const gif = await numberedGif(2);
    await expect(decodeFrameStrip(gif, 0)).rejects.toThrow(RangeError);
    await expect(decodeFrameStrip(gif, 1.5)).rejects.toThrow(/whole number/);
  });
});

describe('sampleFrameIndices', () => {
  it.each([
    [1, 5, [0]],
    [10, 1, [0]],
    [10, 2, [0, 9]],
    [5, 5, [0, 1, 2, 3, 4]],
    [100, 5, [0, 25, 50, 74, 99]],
  ])('%i frames, %i wanted -> %j', (frameCount, wanted, expected) => {
    expect(sampleFrameIndices(frameCount, wanted)).toEqual(expected);
  });
});
