export { loadClassifier, openClassifier } from './classifier';
export type { Classification, Classifier, ClassifierImage, ClassifierOptions, LabelScore } from './classifier';
export { discoverModels } from './discover';
export { ClassifierError, ImageInvalidError, ManifestInvalidError, ModelFileCorruptError, ModelFileMissingError, ModelMismatchError } from './errors';
export { classifierManifestSchema, readManifest, type ClassifierManifest, type LoadedManifest, type RunsWhen } from './manifest';
export { resizeBilinearAlignCorners, type RawImage } from './resizeBilinear';
