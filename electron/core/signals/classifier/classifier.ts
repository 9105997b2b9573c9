import { existsSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { ImageInvalidError, ModelFileCorruptError, ModelFileMissingError, ModelMismatchError } from './errors';
import { writeInputImage } from './inputTensor';
import { type ClassifierManifest, type LoadedManifest, readManifest } from './manifest';
import type { RawImage } from './resizeBilinear';

export type ClassifierImage = RawImage;

export interface LabelScore {
  label: string;
  probability: number;
  threshold: number;
  category: string;
  /** probability >= threshold for a label whose category is not 'none'. */
  flagged: boolean;
}

export interface Classification {
  /** In manifest label order. */
  scores: LabelScore[];
  topLabel: string;
}

export interface ClassifierOptions {
  /** onnxruntime threads per inference; keep low when several workers share the cores. Default 1. */
  intraOpNumThreads?: number;
  /** Images per onnxruntime run; larger batches are split. Default 16. */
  maxBatchSize?: number;
}

export interface Classifier {
  readonly manifest: ClassifierManifest;
  classify(images: readonly ClassifierImage[]): Promise<Classification[]>;
  dispose(): Promise<void>;
}

export async function loadClassifier(manifestPath: string, options: ClassifierOptions = {}): Promise<Classifier> {
  return openClassifier(readManifest(manifestPath), options);
}

/** Opens the model of a manifest already read (discoverModels hands these to the workers). */
export async function openClassifier(loaded: LoadedManifest, options: ClassifierOptions = {}): Promise<Classifier> {
  const { manifestPath, manifest, modelPath } = loaded;
  if (!existsSync(modelPath)) throw new ModelFileMissingError(modelPath, manifestPath);
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelPath, {
      intraOpNumThreads: options.intraOpNumThreads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // With more than one thread, onnxruntime's pool threads spin waiting for work after each
      // run; on the cores the other analysis workers share, that spinning takes their time.
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    });
  } catch (error) {
    throw new ModelFileCorruptError(modelPath, error);
  }
  checkModelFitsManifest(session, manifest, modelPath);
  return new OnnxClassifier(session, manifest, modelPath, options.maxBatchSize ?? 16);
}

class OnnxClassifier implements Classifier {
  /**
   * The input tensor's memory, kept between runs: allocating (and zeroing) it afresh cost half as
   * much as filling it. A run takes it and gives it back, so overlapping runs never share one.
   */
  private spareInput: Float32Array | undefined;

  constructor(
    private readonly session: ort.InferenceSession,
    readonly manifest: ClassifierManifest,
    private readonly modelPath: string,
    private readonly maxBatchSize: number,
  ) {}

  async classify(images: readonly ClassifierImage[]): Promise<Classification[]> {
    images.forEach(validateImage);
    const results: Classification[] = [];
    for (let start = 0; start < images.length; start += this.maxBatchSize) {
      results.push(...(await this.run(images.slice(start, start + this.maxBatchSize))));
    }
    return results;
  }

  dispose(): Promise<void> {
    return this.session.release();
  }

  private async run(images: readonly ClassifierImage[]): Promise<Classification[]> {
    const { input, labels } = this.manifest;
    const size = images.length * input.width * input.height * 3;
    const memory = this.spareInput && this.spareInput.length >= size ? this.spareInput : new Float32Array(size);
    this.spareInput = undefined;
    const batch = memory.subarray(0, size);
    images.forEach((image, i) => {
      writeInputImage(image, input, batch, i);
    });
    const dims = input.layout === 'NHWC' ? [images.length, input.height, input.width, 3] : [images.length, 3, input.height, input.width];
    const inputName = this.session.inputNames[0]!;
    const outputName = this.session.outputNames[0]!;
    let outputs: ort.InferenceSession.ReturnType;
    try {
      outputs = await this.session.run({ [inputName]: new ort.Tensor('float32', batch, dims) });
    } finally {
      this.spareInput = memory;
    }
    const probabilities = outputs[outputName]?.data;
    if (!(probabilities instanceof Float32Array) || probabilities.length !== images.length * labels.length) {
      throw new ModelMismatchError(this.modelPath, `expected ${labels.length} float scores per image from output ${outputName}`);
    }
    return images.map((_, i) => {
      const scores = labels.map((label, j) => {
        const probability = probabilities[i * labels.length + j]!;
        return {
          label: label.name,
          probability,
          threshold: label.threshold,
          category: label.category,
          flagged: label.category !== 'none' && probability >= label.threshold,
        };
      });
      const top = scores.reduce((best, s) => (s.probability > best.probability ? s : best));
      return { scores, topLabel: top.label };
    });
  }
}

function validateImage(image: ClassifierImage, index: number): void {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new ImageInvalidError(index, `width and height must be positive integers, got ${width}x${height}`);
  }
  if (channels !== 3 && channels !== 4) throw new ImageInvalidError(index, `channels must be 3 or 4, got ${String(channels)}`);
  if (data.length !== width * height * channels) {
    throw new ImageInvalidError(index, `${data.length} bytes do not hold ${width}x${height}x${channels} pixels`);
  }
}

/** Catches a manifest paired with the wrong model at load time rather than as nonsense scores later. */
function checkModelFitsManifest(session: ort.InferenceSession, manifest: ClassifierManifest, modelPath: string): void {
  const [input] = session.inputMetadata;
  const [output] = session.outputMetadata;
  if (session.inputNames.length !== 1 || session.outputNames.length !== 1 || !input?.isTensor || !output?.isTensor) {
    throw new ModelMismatchError(modelPath, 'a classifier has exactly one tensor input and one tensor output');
  }
  const { width, height, layout } = manifest.input;
  const expected = layout === 'NHWC' ? [height, width, 3] : [3, height, width];
  const fixed = input.shape.slice(1);
  if (input.shape.length !== 4 || fixed.some((dim, i) => typeof dim === 'number' && dim !== expected[i])) {
    throw new ModelMismatchError(
      modelPath,
      `input shape [${input.shape.join(', ')}] is not [N, ${expected.join(', ')}] (${layout}); a model built before its manifest's layout changed is rebuilt by \`npm run models:build\``,
    );
  }
  const classes = output.shape[output.shape.length - 1];
  if (output.shape.length !== 2 || (typeof classes === 'number' && classes !== manifest.labels.length)) {
    throw new ModelMismatchError(
      modelPath,
      `output shape [${output.shape.join(', ')}] is not [N, ${manifest.labels.length}] for ${manifest.labels.length} labels`,
    );
  }
}
