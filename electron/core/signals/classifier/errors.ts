/** Base of every error the classifier runner throws; `code` lets callers react without parsing messages. */
export class ClassifierError extends Error {
  override name = 'ClassifierError';
  constructor(
    readonly code: 'manifest_invalid' | 'model_missing' | 'model_corrupt' | 'model_mismatch' | 'image_invalid',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ManifestInvalidError extends ClassifierError {
  override name = 'ManifestInvalidError';
  constructor(manifestPath: string, problem: string, options?: { cause?: unknown }) {
    super('manifest_invalid', `Classifier manifest ${manifestPath} is invalid: ${problem}`, options);
  }
}

export class ModelFileMissingError extends ClassifierError {
  override name = 'ModelFileMissingError';
  constructor(modelPath: string, manifestPath: string) {
    super('model_missing', `Model file ${modelPath} (named by ${manifestPath}) does not exist; build it with \`npx tsx models/build.ts\``);
  }
}

export class ModelFileCorruptError extends ClassifierError {
  override name = 'ModelFileCorruptError';
  constructor(modelPath: string, cause: unknown) {
    super(
      'model_corrupt',
      `Model file ${modelPath} could not be loaded by onnxruntime (corrupt or not ONNX); delete it and rebuild with \`npx tsx models/build.ts\`: ${String(cause)}`,
      { cause },
    );
  }
}

export class ModelMismatchError extends ClassifierError {
  override name = 'ModelMismatchError';
  constructor(modelPath: string, problem: string) {
    super('model_mismatch', `Model ${modelPath} does not match its manifest: ${problem}`);
  }
}

export class ImageInvalidError extends ClassifierError {
  override name = 'ImageInvalidError';
  constructor(index: number, problem: string) {
    super('image_invalid', `Image ${index} of the batch cannot be classified: ${problem}`);
  }
}
