import { reportBatchBodySchema, reportsQuerySchema } from '@workstation/protocol';
import { recordEach } from '../domain/batch';
import { acknowledgeReport, getReport, listReports, recordReport } from '../domain/reports';
import type { Route } from '../http/router';
import { parseOrThrow } from '../http/validate';

export const reportRoutes: Route[] = [
  {
    method: 'POST',
    path: '/reports/batch',
    access: ['moderator'],
    async handle({ service, account, body }) {
      const { entries } = parseOrThrow(reportBatchBodySchema, await body(), 'body');
      return { results: await recordEach(entries, (entry) => recordReport(service.db, account!.id, entry)) };
    },
  },
  {
    method: 'GET',
    path: '/reports',
    access: ['moderator', 'supervisor'],
    async handle({ service, account, query }) {
      const filter = parseOrThrow(reportsQuerySchema, Object.fromEntries(query), 'query');
      return { reports: await listReports(service.db, account!, filter) };
    },
  },
  {
    method: 'GET',
    path: '/reports/{id}',
    access: ['supervisor'],
    handle: ({ service, params }) => getReport(service.db, params.id!),
  },
  {
    method: 'POST',
    path: '/reports/{id}/acknowledge',
    access: ['supervisor'],
    handle: ({ service, account, params }) => acknowledgeReport(service.db, account!.id, params.id!),
  },
];
