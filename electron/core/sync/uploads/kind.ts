import type { BatchResult } from '@workstation/protocol';
import type { z } from 'zod';
import type { Settlement, Store } from '../../store';
import type { UpstreamClient } from '../client';

/**
 * One kind of outbox entry as the upstream takes it: the schema its payload must pass, how many go
 * in one request (the upstream's batch limit), and the request that sends them.
 */
export interface UploadKind<S extends z.ZodType = z.ZodType> {
  schema: S;
  maxPerRequest: number;
  send(client: UpstreamClient, token: string, entries: Array<z.output<S>>): Promise<BatchResult[]>;
  /** Settles the entries with the upstream's answers; a kind whose answers carry more (reports) records that too. */
  settle?(store: Store, results: readonly BatchResult[], settlementOf: (r: BatchResult) => Settlement, at: string): void;
}
