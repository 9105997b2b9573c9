export * from './contract';
export * from './types';
export * from './errors';
export * from './enforcement';
export * from './escalation';
export type { WorkstationApi } from './client';
