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
 * @returns RGB floats in 0..255, row-major HWC, outWidth x outHeight
 */
export function resizeBilinearAlignCorners(image: RawImage, outWidth: number, outHeight: number): Float32Array {
  const { data, width, height, channels } = image;
  const out = new Float32Array(outWidth * outHeight * 3);
  const rowRatio = sourceRatio(height, outHeight);
  const colRatio = sourceRatio(width, outWidth);
  const rowStride = width * channels;
  let o = 0;
  for (let r = 0; r < outHeight; r++) {
    const srcRow = rowRatio * r;
    const top = Math.floor(srcRow);
    const bottom = Math.min(height - 1, Math.ceil(srcRow));
    const rowFrac = srcRow - top;
    for (let c = 0; c < outWidth; c++) {
      const srcCol = colRatio * c;
      const left = Math.floor(srcCol);
      const right = Math.min(width - 1, Math.ceil(srcCol));
      const colFrac = srcCol - left;
      const tl = top * rowStride + left * channels;
      const tr = top * rowStride + right * channels;
      const bl = bottom * rowStride + left * channels;
      const br = bottom * rowStride + right * channels;
      for (let k = 0; k < 3; k++) {
        const topValue = data[tl + k]! + (data[tr + k]! - data[tl + k]!) * colFrac;
        const bottomValue = data[bl + k]! + (data[br + k]! - data[bl + k]!) * colFrac;
        out[o++] = topValue + (bottomValue - topValue) * rowFrac;
      }
    }
  }
  return out;
}

/** align_corners maps the first and last pixels onto each other; a 1-pixel output samples the first. */
function sourceRatio(inSize: number, outSize: number): number {
  return outSize > 1 ? (inSize - 1) / (outSize - 1) : inSize / outSize;
}
