/**
 * The PDQ and vPDQ hashes the reference upstream ships as data (upstream/demo/pdq.json): the
 * upstream has no PDQ of its own, and its demo child-safety bank must hold exactly the hashes the
 * workstation computes for the demo image and clip, so the workstation's code computes them here.
 */
import path from 'node:path';
import { encodeVpdqHex } from '@workstation/protocol';
import sharp from 'sharp';
import { readVideo } from '../../electron/core/media';
import { resolveVideoTools } from '../../electron/core/platform/videoTools';
import { PdqHasher, pdqHash, preshrinkNearest, toHex } from '../../electron/core/signals/pdq';
import { hashFrame, type VpdqFrame } from '../../electron/core/signals/vpdq';
import { renderHashBankPattern } from '../../upstream/demo/images';
import { renderHashBankVideo } from '../../upstream/demo/videos';

export const DEMO_PDQ_FILE = path.resolve(import.meta.dirname, '../../upstream/demo/pdq.json');
export const DEMO_PDQ_COMMAND = 'npm run demo:pdq';

export interface DemoPdq {
  about: string;
  /** PDQ of renderHashBankPattern's image, the demo item tagged hash_bank_match. */
  hashBankPattern: string;
  /** vPDQ (protocol encodeVpdqHex) of renderHashBankVideo's clip, the demo item tagged video_hash_bank_match. */
  hashBankVideo: string;
}

/** PDQ as the workstation's analysis takes it: sharp's unrotated pixels, the reference CLI's 512 pre-shrink. */
async function workstationPdq(bytes: Buffer): Promise<string> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  return toHex(pdqHash(preshrinkNearest({ data, width: info.width, height: info.height, channels: info.channels })).hash);
}

/** vPDQ as the workstation's analysis takes it: the packaged ffmpeg, a full-size PDQ a second. */
export async function workstationVpdq(bytes: Buffer): Promise<VpdqFrame[]> {
  const hasher = new PdqHasher();
  const frames: VpdqFrame[] = [];
  const read = await readVideo(bytes, 'video/mp4', { tools: resolveVideoTools() }, (frame) => {
    frames.push(hashFrame(hasher, frame));
  });
  if (!read.ok) throw new Error(`the demo hash-bank clip could not be read: ${read.failure.message}`);
  return frames;
}

export async function computeDemoPdq(): Promise<DemoPdq> {
  return {
    about: `PDQ and vPDQ of demo media as the workstation computes them. Written by ${DEMO_PDQ_COMMAND} (scripts/demo/pdq.ts); do not edit by hand.`,
    hashBankPattern: await workstationPdq((await renderHashBankPattern()).bytes),
    hashBankVideo: encodeVpdqHex(await workstationVpdq((await renderHashBankVideo()).bytes)),
  };
}
