import { leaseBodySchema, releaseBodySchema, type LeaseReply, type ReleaseReply, type RenewReply } from '@workstation/protocol';
import { leaseAssignment, releaseAssignment, renewAssignment } from '../domain/assignments';
import type { Route } from '../http/router';
import { parseOrThrow } from '../http/validate';

export const assignmentRoutes: Route[] = [
  {
    method: 'POST',
    path: '/assignments/lease',
    access: ['moderator'],
    async handle({ service, account, body }) {
      const { size } = parseOrThrow(leaseBodySchema, await body(), 'body');
      return { assignment: await leaseAssignment(service.db, account!, size, service.leaseSeconds) } satisfies LeaseReply;
    },
  },
  {
    method: 'POST',
    path: '/assignments/{id}/renew',
    access: ['moderator'],
    async handle({ service, account, params }) {
      return { leaseExpiresAt: await renewAssignment(service.db, account!.id, params.id!, service.leaseSeconds) } satisfies RenewReply;
    },
  },
  {
    method: 'POST',
    path: '/assignments/{id}/release',
    access: ['moderator'],
    async handle({ service, account, params, body }) {
      const { itemIds } = parseOrThrow(releaseBodySchema, await body(), 'body');
      return { released: await releaseAssignment(service.db, account!.id, params.id!, itemIds) } satisfies ReleaseReply;
    },
  },
];
