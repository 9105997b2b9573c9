import { recordEach } from '../domain/batch';
import { listEnforcementActions, recordEnforcementAction } from '../domain/enforcement';
import type { Route } from '../http/router';
import { parseOrThrow } from '../http/validate';
import { EnforcementBatchBody, EnforcementQuery } from '../schemas';

export const enforcementRoutes: Route[] = [
  {
    method: 'POST',
    path: '/actions/batch',
    access: ['moderator'],
    async handle({ service, account, body }) {
      const { entries } = parseOrThrow(EnforcementBatchBody, await body(), 'body');
      return { results: await recordEach(entries, (entry) => recordEnforcementAction(service.db, account!.id, entry)) };
    },
  },
  {
    method: 'GET',
    path: '/actions',
    access: ['supervisor'],
    async handle({ service, query }) {
      const filter = parseOrThrow(EnforcementQuery, Object.fromEntries(query), 'query');
      return { actions: await listEnforcementActions(service.db, filter) };
    },
  },
];
