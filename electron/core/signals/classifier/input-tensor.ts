import type { ClassifierManifest } from './manifest';

type InputSpec = ClassifierManifest['input'];

/**
 * Writes one resized RGB image (HWC floats in 0..255) into slot `index` of a batch tensor,
 * normalised and laid out as the manifest says.
 */
export function writeInputImage(rgb: Float32Array, input: InputSpec, batch: Float32Array, index: number): void {
  const { width, height, layout, normalisation } = input;
  const { scale, mean, std } = normalisation;
  const plane = width * height;
  const base = index * plane * 3;
  for (const k of [0, 1, 2] as const) {
    const m = mean[k];
    const s = std[k];
    for (let p = 0; p < plane; p++) {
      const value = (rgb[p * 3 + k]! * scale - m) / s;
      batch[layout === 'NHWC' ? base + p * 3 + k : base + k * plane + p] = value;
    }
  }
}
