import { expect, it } from 'vitest';
import { ApiError } from '../../../electron/api';
import { createSignInLockout } from '../../../electron/core/auth/lockout';

const policy = { maxFailures: 3, windowMs: 60_000, lockMs: 120_000 };

function world() {
  let now = 0;
  const lockout = createSignInLockout(() => new Date(now), policy);
  return { lockout, advance: (ms: number) => (now += ms) };
}

const refusal = (fn: () => void): ApiError => {
  try {
    fn();
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected a refusal');
};

it('pauses a username after repeated failures, says for how long, and lets it in after the pause', () => {
  const { lockout, advance } = world();
  for (let i = 0; i < 3; i++) {
    lockout.check('mod1');
    lockout.failed('MOD1 ');
    advance(1_000);
  }
  const error = refusal(() => lockout.check('mod1'));
  expect(error).toMatchObject({ code: 'too_many_requests', field: 'username' });
  expect(error.message).toMatch(/paused after 3 failed attempts; try again in 2 min/);
  // Other usernames are untouched.
  expect(() => lockout.check('mod2')).not.toThrow();
  advance(120_000);
  expect(() => lockout.check('mod1')).not.toThrow();
});

it('forgets failures outside the window and after a success', () => {
  const { lockout, advance } = world();
  lockout.failed('mod1');
  lockout.failed('mod1');
  advance(61_000);
  lockout.failed('mod1');
  expect(() => lockout.check('mod1')).not.toThrow();
  lockout.failed('mod1');
  lockout.succeeded('mod1');
  lockout.failed('mod1');
  expect(() => lockout.check('mod1')).not.toThrow();
});
