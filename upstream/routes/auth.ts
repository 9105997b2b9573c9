import { loginBodySchema, type DemoAccountsReply, type LoginReply } from '@workstation/protocol';
import { ApiError, notFound } from '../errors';
import { listDemoAccounts, verifyCredentials } from '../domain/accounts';
import { createSession, deleteSession } from '../domain/sessions';
import { DEMO_PASSWORD } from '../domain/seed';
import type { Route } from '../http/router';
import { parseOrThrow } from '../http/validate';

export const authRoutes: Route[] = [
  {
    method: 'GET',
    path: '/auth/demo-accounts',
    access: 'public',
    async handle({ service }) {
      if (!service.demo) throw notFound('demo accounts are only listed when the server runs with demo data');
      const accounts = await listDemoAccounts(service.db);
      return {
        accounts: accounts.map(({ username, displayName, role }) => ({ username, displayName, role, password: DEMO_PASSWORD })),
      } satisfies DemoAccountsReply;
    },
  },
  {
    method: 'POST',
    path: '/auth/login',
    access: 'public',
    async handle({ service, body }) {
      const { username, password } = parseOrThrow(loginBodySchema, await body(), 'body');
      const account = await verifyCredentials(service.db, username, password);
      if (!account) throw new ApiError(401, 'invalid_credentials', 'username or password is wrong');
      return { token: await createSession(service.db, account.id), account } satisfies LoginReply;
    },
  },
  {
    method: 'POST',
    path: '/auth/logout',
    access: 'signed_in',
    status: 204,
    async handle({ service, token }) {
      await deleteSession(service.db, token!);
      return undefined;
    },
  },
];
