import { build } from 'vite';
import { rendererConfig } from '../../../vite.renderer.config';

/** e2e drives the real renderer, so build it once, exactly as `npm start` serves it. */
export default async function setup(): Promise<void> {
  await build({ ...rendererConfig, logLevel: 'warn' });
}
