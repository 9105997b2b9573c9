export { loadClassifier } from './classifier';
export type { Classification, Classifier, ClassifierImage, ClassifierOptions, LabelScore } from './classifier';
export { ClassifierError, ImageInvalidError, ManifestInvalidError, ModelFileCorruptError, ModelFileMissingError, ModelMismatchError } from './errors';
export { classifierManifestSchema, type ClassifierManifest } from './manifest';
export { resizeBilinearAlignCorners, type RawImage } from './resizeBilinear';
