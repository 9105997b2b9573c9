import { bankChangeBodySchema, deltasQuerySchema, lexiconChangeBodySchema, snapshotQuerySchema, SYNC_KINDS } from '@workstation/protocol';
import { changeHashBank } from '../domain/sync/hashBanks';
import { changeLexicon } from '../domain/sync/lexicons';
import { deltaPage } from '../domain/sync/log';
import { snapshot } from '../domain/sync/snapshot';
import type { Route } from '../http/router';
import { parseOrThrow } from '../http/validate';

export const syncRoutes: Route[] = [
  {
    method: 'GET',
    path: '/sync/deltas',
    access: 'signed_in',
    async handle({ service, query }) {
      const { cursor, limit } = parseOrThrow(deltasQuerySchema, Object.fromEntries(query), 'query');
      return deltaPage(service.db, cursor, limit);
    },
  },
  {
    method: 'GET',
    path: '/sync/snapshot',
    access: 'signed_in',
    async handle({ service, query }) {
      const { kind } = parseOrThrow(snapshotQuerySchema, Object.fromEntries(query), 'query');
      return snapshot(service.db, kind ? [kind] : SYNC_KINDS);
    },
  },
  {
    method: 'POST',
    path: '/banks/{id}/entries',
    access: ['supervisor'],
    async handle({ service, params, body }) {
      const change = parseOrThrow(bankChangeBodySchema, await body(), 'body');
      return { delta: await changeHashBank(service.db, params.id!, change) };
    },
  },
  {
    method: 'POST',
    path: '/lexicons/{locale}/entries',
    access: ['supervisor'],
    async handle({ service, params, body }) {
      const change = parseOrThrow(lexiconChangeBodySchema, await body(), 'body');
      return { delta: await changeLexicon(service.db, params.locale!, change) };
    },
  },
];
