import type { ClassifierManifest } from './manifest';
import { type RawImage, resizeBilinearAlignCorners } from './resizeBilinear';

type InputSpec = ClassifierManifest['input'];

/**
 * The resized image between resize and normalisation, kept for the next image of the same size:
 * allocating (and zeroing) it per image cost as much as a third of the resize.
 */
let resized = new Float32Array(0);

/**
 * Writes one image into slot `index` of a batch tensor at the model's input size, normalised and
 * laid out as the manifest says. An image already at that size (the pipeline hands over one) is
 * read straight from its bytes: the align-corners resize would copy it unchanged, at a cost of a
 * third of the model's own run time.
 */
export function writeInputImage(image: RawImage, input: InputSpec, batch: Float32Array, index: number): void {
  const { width, height, layout, normalisation } = input;
  const sameSize = image.width === width && image.height === height;
  if (!sameSize && resized.length !== width * height * 3) resized = new Float32Array(width * height * 3);
  const source = sameSize ? image.data : resizeBilinearAlignCorners(image, width, height, resized);
  const stride = sameSize ? image.channels : 3;
  const plane = width * height;
  const base = index * plane * 3;
  // (x * scale - mean) / std, as one multiply-add per value.
  const [g0, g1, g2] = normalisation.std.map((std) => normalisation.scale / std) as [number, number, number];
  const [o0, o1, o2] = normalisation.mean.map((mean, k) => -mean / normalisation.std[k]!) as [number, number, number];
  // One pass over the source pixels: three passes (one per channel) read it three times and
  // cost half as much again as this whole loop.
  const [step, channelStride] = layout === 'NCHW' ? [1, plane] : [3, 1];
  const r = base;
  const g = base + channelStride;
  const b = base + 2 * channelStride;
  for (let p = 0, s = 0, d = 0; p < plane; p++, s += stride, d += step) {
    batch[r + d] = source[s]! * g0 + o0;
    batch[g + d] = source[s + 1]! * g1 + o1;
    batch[b + d] = source[s + 2]! * g2 + o2;
  }
}
