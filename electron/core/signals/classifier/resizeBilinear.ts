/** Decoded pixels, row-major, interleaved; alpha (channels 4) is ignored, as nsfwjs ignores it. */
export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3 | 4;
}

/**
 * Bilinear resize with align_corners = true and no half-pixel centres, the same arithmetic as
 * tf.image.resizeBilinear(image, size, true) on TensorFlow.js' CPU backend (which nsfwjs uses),
 * so our scores match nsfwjs's on images of any size.
 * @returns RGB floats in 0..255, row-major HWC, outWidth x outHeight (in `out` when given, reused between images)
 */
export function resizeBilinearAlignCorners(
  image: RawImage,
  outWidth: number,
  outHeight: number,
  out: Float32Array = new Float32Array(outWidth * outHeight * 3),
): Float32Array {
  const { data, width, height, channels } = image;
  const rowRatio = sourceRatio(height, outHeight);
  const colRatio = sourceRatio(width, outWidth);
  const rowStride = width * channels;
  // Every row samples the same columns: their offsets and weights are worked out once, not per pixel.
  const lefts = new Int32Array(outWidth);
  const rights = new Int32Array(outWidth);
  const colFracs = new Float64Array(outWidth);
  for (let c = 0; c < outWidth; c++) {
    const srcCol = colRatio * c;
    const left = Math.floor(srcCol);
    lefts[c] = left * channels;
    rights[c] = Math.min(width - 1, Math.ceil(srcCol)) * channels;
    colFracs[c] = srcCol - left;
  }
  let o = 0;
  for (let r = 0; r < outHeight; r++) {
    const srcRow = rowRatio * r;
    const top = Math.floor(srcRow);
    const bottom = Math.min(height - 1, Math.ceil(srcRow));
    const rowFrac = srcRow - top;
    const topRow = top * rowStride;
    const bottomRow = bottom * rowStride;
    for (let c = 0; c < outWidth; c++) {
      const colFrac = colFracs[c]!;
      const tl = topRow + lefts[c]!;
      const tr = topRow + rights[c]!;
      const bl = bottomRow + lefts[c]!;
      const br = bottomRow + rights[c]!;
      out[o++] = lerp(data[tl]!, data[tr]!, data[bl]!, data[br]!, colFrac, rowFrac);
      out[o++] = lerp(data[tl + 1]!, data[tr + 1]!, data[bl + 1]!, data[br + 1]!, colFrac, rowFrac);
      out[o++] = lerp(data[tl + 2]!, data[tr + 2]!, data[bl + 2]!, data[br + 2]!, colFrac, rowFrac);
    }
  }
  return out;
}

/** Between the two top and the two bottom values along the row, then between those down the column, as tf does it. */
function lerp(tl: number, tr: number, bl: number, br: number, colFrac: number, rowFrac: number): number {
  const topValue = tl + (tr - tl) * colFrac;
  const bottomValue = bl + (br - bl) * colFrac;
  return topValue + (bottomValue - topValue) * rowFrac;
}

/** align_corners maps the first and last pixels onto each other; a 1-pixel output samples the first. */
function sourceRatio(inSize: number, outSize: number): number {
  return outSize > 1 ? (inSize - 1) / (outSize - 1) : inSize / outSize;
}
