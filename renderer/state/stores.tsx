/**
 * All stores of one window, built once around its WorkstationApi and handed down by context, so
 * tests can render any screen against their own API.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { WorkstationApi } from '../../electron/api';
import { createPreviewCache, type PreviewCache } from '../media/previewCache';
import { createQueueStore, type QueueStore, type QueueStoreState } from './queue';
import { createSessionStore, type SessionState, type SessionStore } from './session';
import { createSyncStore, type SyncState, type SyncStore } from './sync';
import { createViewingStore, type ViewingState, type ViewingStore } from './viewing';
import { createWellnessStore, type WellnessStore, type WellnessStoreState } from './wellness';

export interface Stores {
  api: WorkstationApi;
  previews: PreviewCache;
  session: SessionStore;
  queue: QueueStore;
  sync: SyncStore;
  viewing: ViewingStore;
  wellness: WellnessStore;
}

export function createStores(api: WorkstationApi): Stores {
  const session = createSessionStore(api);
  const previews = createPreviewCache(api);
  const queue = createQueueStore(api, { onUnauthenticated: (error) => session.getState().ended(error), previews });
  const sync = createSyncStore(api);
  return { api, previews, session, queue, sync, viewing: createViewingStore(), wellness: createWellnessStore(api) };
}

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (stores === null) throw new Error('useStores() needs a <StoresProvider> above it in the tree.');
  return stores;
}

export function useSession<T>(select: (state: SessionState) => T): T {
  return useStore(useStores().session, select);
}

export function useQueue<T>(select: (state: QueueStoreState) => T): T {
  return useStore(useStores().queue, select);
}

export function useSync<T>(select: (state: SyncState) => T): T {
  return useStore(useStores().sync, select);
}

export function useViewing<T>(select: (state: ViewingState) => T): T {
  return useStore(useStores().viewing, select);
}

export function useWellness<T>(select: (state: WellnessStoreState) => T): T {
  return useStore(useStores().wellness, select);
}
