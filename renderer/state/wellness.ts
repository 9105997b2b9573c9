/**
 * The moderator's wellness status as core reports it: read once, kept current by wellness.status
 * events, and re-read while a break counts down. Core decides every state; this only holds it.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { WellnessStatus, WorkstationApi } from '../../electron/api';
import { createStatusStore, type StatusState } from './statusStore';

export type WellnessStoreState = StatusState<WellnessStatus>;
export type WellnessStore = StoreApi<WellnessStoreState>;

export const createWellnessStore = (api: WorkstationApi): WellnessStore => createStatusStore((a) => a.call('wellness.status', {}), api);

/** Review stops (the break screen or the day-over screen) in these states. */
export const stopsReview = (status: WellnessStatus | null): boolean => status?.state === 'break_due' || status?.state === 'day_over';
