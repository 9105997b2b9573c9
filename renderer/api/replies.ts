/**
 * Checks what a host answered before the UI sees it, for both clients (IPC and HTTP): an output
 * that does not fit the contract, or an error body that is not one, fails loudly here instead of
 * deep in a component.
 */
import { ApiError, contract, httpStatusOf, type ApiErrorBody, type CallName, type CallOutput } from '../../electron/api';

export function checkedOutput<N extends CallName>(name: N, body: unknown): CallOutput<N> {
  const parsed = contract[name].output.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      'internal',
      `The workstation host sent an answer to ${name} that this version of the app does not understand. Restart the app; if it persists, report it with this message.`,
    );
  }
  return parsed.data as CallOutput<N>;
}

export function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return (
    typeof body.code === 'string' &&
    Object.prototype.hasOwnProperty.call(httpStatusOf, body.code) &&
    typeof body.message === 'string' &&
    (body.field === undefined || typeof body.field === 'string')
  );
}
