import type { ClassifierManifest } from './manifest';
import { type RawImage, resizeBilinearAlignCorners } from './resizeBilinear';

type InputSpec = ClassifierManifest['input'];

/**
 * Writes one image into slot `index` of a batch tensor at the model's input size, normalised and
 * laid out as the manifest says. An image already at that size (the pipeline hands over one) is
 * read straight from its bytes: the align-corners resize would copy it unchanged, at a cost of a
 * third of the model's own run time.
 */
export function writeInputImage(image: RawImage, input: InputSpec, batch: Float32Array, index: number): void {
  const { width, height, layout, normalisation } = input;
  const sameSize = image.width === width && image.height === height;
  const source = sameSize ? image.data : resizeBilinearAlignCorners(image, width, height);
  const stride = sameSize ? image.channels : 3;
  const plane = width * height;
  const base = index * plane * 3;
  // (x * scale - mean) / std, as one multiply-add per value.
  const gain = [0, 1, 2].map((k) => normalisation.scale / normalisation.std[k]!);
  const offset = [0, 1, 2].map((k) => -normalisation.mean[k]! / normalisation.std[k]!);
  for (let k = 0; k < 3; k++) {
    const g = gain[k]!;
    const o = offset[k]!;
    // Separate loops per layout keep the index arithmetic out of the inner loop's branches.
    if (layout === 'NHWC') {
      for (let p = 0, s = k, d = base + k; p < plane; p++, s += stride, d += 3) batch[d] = source[s]! * g + o;
    } else {
      for (let p = 0, s = k, d = base + k * plane; p < plane; p++, s += stride, d++) batch[d] = source[s]! * g + o;
    }
  }
}
