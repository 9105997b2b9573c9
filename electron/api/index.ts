export * from './contract';
export * from './types';
export * from './errors';
export * from './enforcement';
export * from './escalation';
export type { WorkstationApi } from './client';
export { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type IpcBridge, type IpcReply } from './ipc';
export { previewPath, previewRequestOf } from './previewQuery';
