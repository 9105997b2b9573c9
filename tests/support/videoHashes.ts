import { flipBits, randomHex } from '../unit/banks/fixtures';

/** A random video's vPDQ hash list: scenes of frames a few bits apart, with an occasional flat frame. */
export function randomVideoHashes(next: () => number, frames: number): Array<{ quality: number; hash: string }> {
  let scene = randomHex(next, 64);
  return Array.from({ length: frames }, (_, i) => {
    if (next() % 6 === 0) scene = randomHex(next, 64);
    const quality = next() % 10 === 0 ? 20 + (next() % 29) : 50 + (next() % 51);
    return { quality, hash: flipBits(scene, (i * 3) % 9) };
  });
}

/** The list as an edited copy would hash: a fifth of the frames dropped, the rest moved 0-40 bits. */
export function editedVideoHashes(
  next: () => number,
  video: ReadonlyArray<{ quality: number; hash: string }>,
): Array<{ quality: number; hash: string }> {
  return video.filter(() => next() % 5 !== 0).map((f) => ({ quality: f.quality, hash: flipBits(f.hash, next() % 41) }));
}
