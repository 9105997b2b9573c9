/**
 * Signals: what the workstation learns on the device about an item before anything of it is
 * shown. Content and perceptual hashes (PDQ), hash-bank matching, the ONNX classifiers, red-flag
 * phrases and grooming patterns, run on a worker pool by the analysis service.
 */
export {
  createAnalysisPool,
  createAnalysisService,
  type AnalysedMedia,
  type AnalysisPool,
  type AnalysisService,
  type MediaAnalysis,
} from './pipeline';
export { BankDeltaError, CHILD_SAFETY, childSafetyMatch, type BankContents, type BankDelta, type HashBankSummary } from './banks';
export { applyLexiconDelta, bundledLexicon, bundledLocales, LexiconDeltaError } from './text';
export { pdqHash, preshrinkNearest, toHex } from './pdq';
export { discoverModels } from './classifier';
