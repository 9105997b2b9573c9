import type { z } from 'zod';
import { ApiError, type CallName, type CallOutput, contract, isCallName, type ParsedInput } from '../../api';
import { checkAccess, type Session, type Sessions } from '../auth';

export type Handlers = {
  [N in CallName]: (input: ParsedInput<N>, session: Session | null) => Promise<CallOutput<N>>;
};

function badRequest(name: string, error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const where = field ? `field "${field}"` : 'the request body';
  return new ApiError('bad_request', `${name}: ${where} is invalid: ${issue?.message ?? 'invalid input'}`, field);
}

/**
 * The single entry point both transports call: unknown names are refused, the role is checked,
 * the input is validated by the call's schema, and the output is checked against its schema too, so
 * drift between core and contract fails loudly here rather than in the renderer.
 */
/** What dispatch needs of the sessions: who is signed in, the idle lock, and that a call came in. */
export type DispatchSessions = Pick<Sessions, 'current' | 'touch' | 'lockNotice'>;

export function createDispatcher(handlers: Handlers, sessions: DispatchSessions, log: (line: string) => void) {
  return async function dispatch(name: string, rawInput: unknown): Promise<unknown> {
    if (!isCallName(name)) throw new ApiError('not_found', `There is no API call named "${name}".`);
    const spec = contract[name];
    // The role first: a caller who may not make the call learns nothing of its input's shape.
    const session = sessions.current();
    const lock = spec.access === 'public' ? null : sessions.lockNotice();
    if (lock) throw new ApiError('unauthenticated', lock);
    checkAccess(spec.access, session?.account ?? null, name);
    sessions.touch();
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw badRequest(name, parsed.error);
    const handler = handlers[name] as (input: unknown, session: Session | null) => Promise<unknown>;
    try {
      const output = await handler(parsed.data, session);
      return spec.output.parse(output);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      log(`[core] ${name} by ${session?.account.username ?? 'nobody'} failed: ${(error as Error).stack ?? String(error)}`);
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('SQLITE_')) {
        throw new ApiError(
          'internal',
          `${name} failed inside the workstation: its database refused the write (${code}: ${(error as Error).message}), so nothing of it was recorded. ` +
            'Try again; if it keeps failing, free disk space and close any other program that has the workstation database open.',
        );
      }
      throw new ApiError('internal', `${name} failed inside the workstation: ${(error as Error).message}`);
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
