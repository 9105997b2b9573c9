import { enforcementBatchBodySchema, enforcementQuerySchema } from '@workstation/protocol';
import { recordEach } from '../domain/batch';
import { listEnforcementActions, recordEnforcementAction } from '../domain/enforcement';
import type { Route } from '../http/router';
import { parseOrThrow } from '../http/validate';

export const enforcementRoutes: Route[] = [
  {
    method: 'POST',
    path: '/actions/batch',
    access: ['moderator'],
    async handle({ service, account, body }) {
      const { entries } = parseOrThrow(enforcementBatchBodySchema, await body(), 'body');
      return { results: await recordEach(entries, (entry) => recordEnforcementAction(service.db, account!.id, entry)) };
    },
  },
  {
    method: 'GET',
    path: '/actions',
    access: ['supervisor'],
    async handle({ service, query }) {
      const filter = parseOrThrow(enforcementQuerySchema, Object.fromEntries(query), 'query');
      return { actions: await listEnforcementActions(service.db, filter) };
    },
  },
];
