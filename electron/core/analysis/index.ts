/**
 * Analysis: everything the workstation computes on-device about an item before it is shown —
 * decode, content and perceptual hashes, hash-bank matching, classifiers, text signals and the
 * safe previews. Each part is its own folder; this file is the service's public face.
 */
export * from './decode';
export * from './preview';
export * from './classifier';
export * from './pdq';
export * from './match';
export * from './text';
export * from './pipeline';
export * from './banks';
