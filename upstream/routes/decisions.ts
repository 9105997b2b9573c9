import { listDecisions, recordDecision, type DecisionResult } from '../domain/decisions';
import type { Route } from '../http/router';
import { parseOrThrow } from '../http/validate';
import { DecisionBatchBody, DecisionsQuery } from '../schemas';

export const decisionRoutes: Route[] = [
  {
    method: 'POST',
    path: '/decisions/batch',
    access: ['moderator'],
    async handle({ service, account, body }) {
      const { entries } = parseOrThrow(DecisionBatchBody, await body(), 'body');
      // In order, one transaction each: a correction later in the batch sees what it corrects.
      const results: DecisionResult[] = [];
      for (const entry of entries) results.push(await recordDecision(service.db, account!.id, entry));
      return { results };
    },
  },
  {
    method: 'GET',
    path: '/decisions',
    access: ['supervisor'],
    async handle({ service, query }) {
      const filter = parseOrThrow(DecisionsQuery, Object.fromEntries(query), 'query');
      return { decisions: await listDecisions(service.db, filter) };
    },
  },
];
