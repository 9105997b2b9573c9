/** Reviewer accounts and signing in: POST /auth/login, GET /auth/demo-accounts. */
import { z } from 'zod';
import { plainTextSchema } from './wire';

export const ROLES = ['moderator', 'supervisor', 'wellness_lead'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  /** The team whose work a supervisor audits and a wellness lead sees in aggregate; null outside any team. */
  teamId: z.string().nullable(),
  /** Cleared to review child-safety material: only then are such items leased or opened. */
  childSafetyCleared: z.boolean(),
});
export type Account = z.infer<typeof accountSchema>;

/** A demo account as the login screen lists it, password included: demo data only. */
export const demoAccountSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  password: z.string(),
});
export type DemoAccount = z.infer<typeof demoAccountSchema>;

export const loginBodySchema = z.object({
  username: plainTextSchema(200).min(1),
  password: z.string().min(1).max(1000),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const loginReplySchema = z.object({ token: z.string().min(1), account: accountSchema });
export type LoginReply = z.infer<typeof loginReplySchema>;

export const demoAccountsReplySchema = z.object({ accounts: z.array(demoAccountSchema) });
export type DemoAccountsReply = z.infer<typeof demoAccountsReplySchema>;
