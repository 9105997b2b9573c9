import {
  appealBatchBodySchema,
  appealsQuerySchema,
  auditLogQuerySchema,
  chainHeadBodySchema,
  chainHeadsQuerySchema,
  correctionsQuerySchema,
  qaBatchBodySchema,
} from '@workstation/protocol';
import { recordEach } from '../domain/batch';
import { auditLogPage } from '../domain/audit/log';
import { correctionsOf, decideAppeal, listAppeals, recordChainHead, recordQa, teamChainHeads } from '../domain/audit/reviews';
import type { Route } from '../http/router';
import { parseOrThrow } from '../http/validate';

export const auditRoutes: Route[] = [
  {
    method: 'GET',
    path: '/audit/log',
    access: ['supervisor'],
    async handle({ service, account, query }) {
      return auditLogPage(service.db, account!, parseOrThrow(auditLogQuerySchema, Object.fromEntries(query), 'query'));
    },
  },
  {
    method: 'POST',
    path: '/audit/qa/batch',
    access: ['supervisor'],
    async handle({ service, account, body }) {
      const { entries } = parseOrThrow(qaBatchBodySchema, await body(), 'body');
      return { results: await recordEach(entries, (entry) => recordQa(service.db, account!, entry)) };
    },
  },
  {
    method: 'POST',
    path: '/audit/appeals/batch',
    access: ['supervisor'],
    async handle({ service, account, body }) {
      const { entries } = parseOrThrow(appealBatchBodySchema, await body(), 'body');
      return { results: await recordEach(entries, (entry) => decideAppeal(service.db, account!, entry)) };
    },
  },
  {
    method: 'GET',
    path: '/appeals',
    access: ['supervisor'],
    async handle({ service, account, query }) {
      const { teamId } = parseOrThrow(appealsQuerySchema, Object.fromEntries(query), 'query');
      return { appeals: await listAppeals(service.db, account!, teamId) };
    },
  },
  {
    method: 'POST',
    path: '/audit/chain-head',
    access: 'signed_in',
    async handle({ service, account, body }) {
      return recordChainHead(service.db, account!, parseOrThrow(chainHeadBodySchema, await body(), 'body'));
    },
  },
  {
    method: 'GET',
    path: '/audit/chain-heads',
    access: ['supervisor'],
    async handle({ service, account, query }) {
      const { teamId } = parseOrThrow(chainHeadsQuerySchema, Object.fromEntries(query), 'query');
      return { heads: await teamChainHeads(service.db, account!, teamId) };
    },
  },
  {
    method: 'GET',
    path: '/corrections',
    access: ['moderator'],
    async handle({ service, account, query }) {
      const { since, limit } = parseOrThrow(correctionsQuerySchema, Object.fromEntries(query), 'query');
      return correctionsOf(service.db, account!.id, since, limit);
    },
  },
];
