import { decisionBatchBodySchema, decisionsQuerySchema } from '@workstation/protocol';
import { recordEach } from '../domain/batch';
import { listDecisions, recordDecision } from '../domain/decisions';
import type { Route } from '../http/router';
import { parseOrThrow } from '../http/validate';

export const decisionRoutes: Route[] = [
  {
    method: 'POST',
    path: '/decisions/batch',
    access: ['moderator'],
    async handle({ service, account, body }) {
      const { entries } = parseOrThrow(decisionBatchBodySchema, await body(), 'body');
      // In order: a correction later in the batch sees what it corrects.
      return { results: await recordEach(entries, (entry) => recordDecision(service.db, account!.id, entry)) };
    },
  },
  {
    method: 'GET',
    path: '/decisions',
    access: ['supervisor'],
    async handle({ service, query }) {
      const filter = parseOrThrow(decisionsQuerySchema, Object.fromEntries(query), 'query');
      return { decisions: await listDecisions(service.db, filter) };
    },
  },
];
