export * from './contract';
export * from './types';
export * from './errors';
export type { WorkstationApi } from './client';
