/**
 * The PDQ hashes the reference upstream ships as data (upstream/demo/pdq.json): the upstream has
 * no PDQ of its own, and its demo child-safety bank must hold exactly the hash the workstation
 * computes for the demo image, so the workstation's PDQ computes them here.
 */
import path from 'node:path';
import sharp from 'sharp';
import { pdqHash, preshrinkNearest, toHex } from '../../electron/core/signals/pdq';
import { renderHashBankPattern } from '../../upstream/demo/images';

export const DEMO_PDQ_FILE = path.resolve(import.meta.dirname, '../../upstream/demo/pdq.json');
export const DEMO_PDQ_COMMAND = 'npm run demo:pdq';

export interface DemoPdq {
  about: string;
  /** PDQ of renderHashBankPattern's image, the demo item tagged hash_bank_match. */
  hashBankPattern: string;
}

/** PDQ as the workstation's analysis takes it: sharp's unrotated pixels, the reference CLI's 512 pre-shrink. */
async function workstationPdq(bytes: Buffer): Promise<string> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  return toHex(pdqHash(preshrinkNearest({ data, width: info.width, height: info.height, channels: info.channels })).hash);
}

export async function computeDemoPdq(): Promise<DemoPdq> {
  return {
    about: `PDQ of demo images as the workstation computes them. Written by ${DEMO_PDQ_COMMAND} (scripts/demo/pdq.ts); do not edit by hand.`,
    hashBankPattern: await workstationPdq((await renderHashBankPattern()).bytes),
  };
}
