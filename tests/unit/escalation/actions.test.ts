import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, applyActionInputSchema, contract } from '../../../electron/api';
import { applyAction } from '../../../electron/core/enforcement';
import { at, reviewItem } from '../store/fixtures';
import { escalationWorld, REASON_CODES, thrownBy } from './fixtures';

const content = { kind: 'content' as const, action: 'remove_content' as const, itemIds: ['i1'], accountId: null, reasonCode: 'HATE-1', note: null };

/** The first issue's field path, as the dispatcher reports it. */
function refusedField(input: unknown): string | undefined {
  const parsed = applyActionInputSchema.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.error?.issues[0]?.path.join('.');
}

describe('actions.apply input: per-action rules like the upstream', () => {
  it('is the contract input', () => {
    expect(contract['actions.apply'].input).toBe(applyActionInputSchema);
  });

  it('suspend_account needs whole suspensionDays 1..365', () => {
    const suspend = { ...content, kind: 'account', action: 'suspend_account', accountId: 'acct-1' };
    expect(refusedField(suspend)).toBe('params.suspensionDays');
    expect(refusedField({ ...suspend, params: { suspensionDays: 0 } })).toBe('params.suspensionDays');
    expect(refusedField({ ...suspend, params: { suspensionDays: 366 } })).toBe('params.suspensionDays');
    expect(refusedField({ ...suspend, params: { suspensionDays: 1.5 } })).toBe('params.suspensionDays');
    expect(applyActionInputSchema.parse({ ...suspend, params: { suspensionDays: 365 } }).params).toEqual({ suspensionDays: 365 });
  });

  it('only label_content takes a label, and it needs one', () => {
    expect(refusedField({ ...content, action: 'label_content' })).toBe('params.label');
    expect(refusedField({ ...content, params: { label: 'graphic' } })).toBe('params.label');
    expect(refusedField({ ...content, kind: 'account', action: 'warn_user', accountId: 'a', params: { suspensionDays: 3 } })).toBe(
      'params.suspensionDays',
    );
    expect(applyActionInputSchema.parse({ ...content, action: 'label_content', params: { label: 'graphic' } }).params).toEqual({ label: 'graphic' });
  });

  it('account actions need an account; content actions take content names only; 1..100 items', () => {
    expect(refusedField({ ...content, kind: 'account', action: 'terminate_account' })).toBe('accountId');
    expect(refusedField({ ...content, action: 'terminate_account' })).toBe('action');
    expect(refusedField({ ...content, itemIds: [] })).toBe('itemIds');
    expect(refusedField({ ...content, itemIds: Array.from({ length: 101 }, (_, i) => `i${i}`) })).toBe('itemIds');
    expect(refusedField({ ...content, action: 'delete_everything' })).toBe('action');
  });
});

describe('applyAction', () => {
  let world: ReturnType<typeof escalationWorld>;
  const deps = () => ({ store: world.store, clock: world.deps.clock, reasonCodes: () => REASON_CODES, readiness: world.deps.readiness });

  beforeEach(() => {
    world = escalationWorld('actions');
    world.store.saveAssignment({ id: 'asg-1', accountId: 'mod-1', leasedAt: at(0), leaseExpiresAt: at(1_800_000) }, [
      reviewItem('i1', 'acct-1'),
      reviewItem('i2', 'acct-1'),
      reviewItem('i3', 'acct-2'),
    ]);
  });
  afterEach(() => world.close());

  const refusal = (input: Parameters<typeof applyAction>[2]) => {
    const error = thrownBy(() => applyAction(deps(), 'mod-1', input));
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  };

  it('records the action with an outbox entry shaped as the upstream takes it, queued at once', () => {
    const applied = applyAction(deps(), 'mod-1', {
      kind: 'account',
      action: 'suspend_account',
      itemIds: ['i1', 'i2'],
      accountId: 'acct-1',
      reasonCode: 'HATE-1',
      params: { suspensionDays: 7 },
      note: 'second strike',
    });
    expect(applied).toMatchObject({
      kind: 'account',
      action: 'suspend_account',
      itemIds: ['i1', 'i2'],
      accountId: 'acct-1',
      params: { suspensionDays: 7 },
      note: 'second strike',
      upload: 'queued',
      conflict: null,
      decidedAt: at(0),
    });
    const [entry] = world.store.dueEntries('mod-1', at(0), 10);
    expect(entry).toMatchObject({ idempotencyKey: applied.id, kind: 'action' });
    expect(entry?.payload).toEqual({
      idempotencyKey: applied.id,
      kind: 'account',
      action: 'suspend_account',
      itemIds: ['i1', 'i2'],
      accountId: 'acct-1',
      reasonCode: 'HATE-1',
      params: { suspensionDays: 7 },
      decidedAt: at(0),
    });
  });

  it('shows the upstream answer as the upload state', () => {
    const applied = applyAction(deps(), 'mod-1', { ...content, params: {} });
    world.store.settle(
      [{ idempotencyKey: applied.id, settlement: { state: 'conflict', code: 'already_actioned', message: 'removed before' } }],
      at(1),
    );
    expect(world.store.action(applied.id)).toMatchObject({ upload: 'conflict', conflict: { code: 'already_actioned', message: 'removed before' } });
  });

  it('refuses items outside the batch, naming which one', () => {
    const error = refusal({ ...content, itemIds: ['i1', 'elsewhere'], params: {} });
    expect([error.code, error.field]).toEqual(['not_found', 'itemIds.1']);
  });

  it('refuses an account that posted none of the items', () => {
    const error = refusal({ ...content, kind: 'account', action: 'warn_user', itemIds: ['i3'], accountId: 'acct-1', params: {} });
    expect([error.code, error.field]).toEqual(['bad_request', 'accountId']);
  });

  it('refuses a reason code the policy lacks or one that does not allow the action', () => {
    expect(refusal({ ...content, reasonCode: 'NOPE-1', params: {} }).field).toBe('reasonCode');
    const notAllowed = refusal({ ...content, action: 'label_content', reasonCode: 'HATE-1', params: { label: 'x' } });
    expect(notAllowed.field).toBe('reasonCode');
    expect(notAllowed.message).toMatch(/HATE-1 does not allow label_content/);
  });

  it('writes nothing when refused', () => {
    refusal({ ...content, reasonCode: 'NOPE-1', params: {} });
    const db = new Database(world.store.file, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM enforcement_actions').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
