/** The sync pill's data: read once, then kept current by 'sync.status' events. */
import type { StoreApi } from 'zustand/vanilla';
import type { SyncStatus, WorkstationApi } from '../../electron/api';
import { createStatusStore, type StatusState } from './statusStore';

export type SyncState = StatusState<SyncStatus>;
export type SyncStore = StoreApi<SyncState>;

export const createSyncStore = (api: WorkstationApi): SyncStore => createStatusStore((a) => a.call('sync.status', {}), api);
