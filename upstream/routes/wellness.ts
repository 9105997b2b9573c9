import { policyPreviewBodySchema, teamQuerySchema, wellnessAggregatesBodySchema, wellnessPolicySaveBodySchema } from '@workstation/protocol';
import { recordEach } from '../domain/batch';
import { recordWellnessDay } from '../domain/wellness/aggregates';
import { currentWellnessPolicy, saveWellnessPolicy } from '../domain/wellness/policy';
import { previewPolicy, teamExposure } from '../domain/wellness/team';
import type { Route } from '../http/router';
import { parseOrThrow } from '../http/validate';

export const wellnessRoutes: Route[] = [
  {
    method: 'GET',
    path: '/wellness/policy',
    access: 'signed_in',
    handle: ({ service }) => currentWellnessPolicy(service.db),
  },
  {
    method: 'POST',
    path: '/wellness/policy',
    access: ['wellness_lead'],
    async handle({ service, account, body }) {
      const save = parseOrThrow(wellnessPolicySaveBodySchema, await body(), 'body');
      return saveWellnessPolicy(service.db, account!.id, save);
    },
  },
  {
    method: 'POST',
    path: '/wellness/policy/preview',
    access: ['wellness_lead'],
    async handle({ service, account, body }) {
      const { policy } = parseOrThrow(policyPreviewBodySchema, await body(), 'body');
      return previewPolicy(service.db, account!.teamId, await currentWellnessPolicy(service.db), policy, new Date());
    },
  },
  {
    method: 'POST',
    path: '/wellness/aggregates',
    access: ['moderator'],
    async handle({ service, account, body }) {
      const { entries } = parseOrThrow(wellnessAggregatesBodySchema, await body(), 'body');
      return { results: await recordEach(entries, (entry) => recordWellnessDay(service.db, account!.id, entry)) };
    },
  },
  {
    method: 'GET',
    path: '/wellness/team',
    access: ['wellness_lead', 'supervisor'],
    async handle({ service, account, query }) {
      const { from, to } = parseOrThrow(teamQuerySchema, Object.fromEntries(query), 'query');
      return teamExposure(service.db, account!.teamId, from, to);
    },
  },
];
