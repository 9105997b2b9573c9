/**
 * The wire protocol between the workstation and its upstream (upstream/openapi.yaml): every shape
 * that crosses it, defined once. The app (through electron/api and core) and the reference
 * upstream both import it, and nothing else of each other. The checksums of synced subjects are
 * '@workstation/protocol/checksums': they hash with node:crypto, which the renderer's bundle,
 * reaching this index through electron/api, must not pull in.
 */
export * from './wire';
export * from './items';
export * from './auth';
export * from './policy';
export * from './assignments';
export * from './batch';
export * from './decisions';
export * from './enforcement';
export * from './reports';
export * from './lexicons';
export * from './regexSafety';
export * from './banks';
export * from './deltas';
export * from './wellness';
export * from './errors';
export * from './audit';
