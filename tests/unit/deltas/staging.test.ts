import { describe, expect, test } from 'vitest';
import type { Checksums } from '@workstation/protocol';
import type { SubjectState } from '@workstation/protocol/checksums';
import { type LocalSubjects, stagePage, verifyStaged } from '../../../electron/core/sync/deltaStaging';
import { bankDelta, bankState, checksumsOf, hex, lexiconDelta } from './fixtures';

const e1 = { id: 'e1', kind: 'sha256' as const, hash: hex('1') };
const e2 = { id: 'e2', kind: 'md5' as const, hash: hex('2', 32) };
const e3 = { id: 'e3', kind: 'pdq' as const, hash: hex('3') };

const empty = (): LocalSubjects => ({ states: new Map(), problems: new Map() });
function holding(...states: SubjectState[]): LocalSubjects {
  const local = empty();
  for (const s of states)
    local.states.set(s.kind === 'hash_bank' ? `hash_bank:${s.bank.id}` : s.kind === 'lexicon' ? `lexicon:${s.locale}` : 'policy', s);
  return local;
}
const bankV2 = bankState(bankDelta('b', 1, 2, []), [e1, e2]) as Extract<SubjectState, { kind: 'hash_bank' }>;

describe('the version rule', () => {
  test('a subject starts from fromVersion 0 and follows each delta whose fromVersion is the version held', () => {
    const page = stagePage(empty(), [bankDelta('b', 0, 1, [e1]), bankDelta('b', 1, 2, [e2]), lexiconDelta(0, 4, [{ id: 'en.scam.x', phrase: 'x' }])]);
    expect(page.outOfStep).toEqual(new Map());
    expect(page.staged.get('hash_bank:b')).toEqual(bankV2);
    expect(page.staged.get('lexicon:en')).toMatchObject({ version: 4, entries: [{ id: 'en.scam.x', phrase: 'x', category: 'scam', severity: 2 }] });
    expect(page.bankSteps.get('hash_bank:b')!.map((d) => d.toVersion)).toEqual([1, 2]);
    expect(page.applied).toEqual(
      new Map([
        ['hash_bank:b', 2],
        ['lexicon:en', 1],
      ]),
    );
  });

  test('a delta at or below the version held is skipped', () => {
    const page = stagePage(holding(bankV2), [bankDelta('b', 0, 1, [e1]), bankDelta('b', 1, 2, [e2]), bankDelta('b', 2, 3, [e3], ['e1'])]);
    expect(page.outOfStep).toEqual(new Map());
    expect(page.staged.get('hash_bank:b')).toEqual(bankState(bankDelta('b', 2, 3, []), [e2, e3]));
    expect(page.bankSteps.get('hash_bank:b')!.map((d) => d.fromVersion)).toEqual([2]);
  });

  test('a gap puts the subject out of step, and its later deltas in the page are not applied', () => {
    const page = stagePage(holding(bankV2), [bankDelta('b', 3, 4, [e3]), bankDelta('b', 4, 5, [])]);
    expect(page.outOfStep).toEqual(new Map([['hash_bank:b', 'its delta 3->4 does not follow version 2 held here']]));
    expect(page.staged.size).toBe(0);
  });

  test('removing an entry not held, adding one already held, or changing a bank category is out of step, and drops what the page staged for it', () => {
    const cases = [
      [bankDelta('b', 2, 3, [], ['nope']), /removes entry 'nope', which is not held here/],
      [bankDelta('b', 2, 3, [e1]), /adds entry 'e1', which is already held here/],
      [bankDelta('b', 2, 3, [e3], [], 'terrorism'), /changes the bank's category from 'child_safety' to 'terrorism'/],
    ] as const;
    for (const [bad, reason] of cases) {
      const page = stagePage(holding(bankV2), [
        bankDelta('b', 2, 3, [e3]),
        { ...bad, fromVersion: 3, toVersion: 4, bank: { ...bad.bank, version: 4 } },
      ]);
      expect(page.outOfStep.get('hash_bank:b')).toMatch(reason);
      expect([page.staged.has('hash_bank:b'), page.bankSteps.has('hash_bank:b'), page.applied.has('hash_bank:b')]).toEqual([false, false, false]);
    }
    const lexicon = stagePage(empty(), [lexiconDelta(0, 1, [{ id: 'a', phrase: 'a' }]), lexiconDelta(1, 2, [], ['b'])]);
    expect(lexicon.outOfStep.get('lexicon:en')).toMatch(/removes entry 'b'/);
  });
});

describe("checking a staged page against the page's checksums", () => {
  test('a page that leaves every subject at the upstream version and checksum passes', () => {
    const local = holding(bankV2);
    const page = stagePage(local, [bankDelta('b', 2, 3, [e3])]);
    expect(verifyStaged(local, page, checksumsOf(page.staged.get('hash_bank:b')!))).toEqual(new Map());
  });

  test('a content difference names both checksums; a missing or older subject says so', () => {
    const local = holding(bankV2);
    const page = stagePage(local, [bankDelta('b', 2, 3, [e3])]);
    const honest = bankState(bankDelta('b', 2, 3, []), [e1, e2, { ...e3, hash: hex('4') }]);
    const remote: Checksums = {
      ...checksumsOf(honest),
      'lexicon:en': { version: 1, sha256: hex('a') },
      'hash_bank:c': { version: 7, sha256: hex('c') },
    };
    const failed = verifyStaged(local, page, remote);
    expect(failed.get('hash_bank:b')).toMatch(
      new RegExp(`^version 3 checksums to [0-9a-f]{64} here, the upstream says ${remote['hash_bank:b']!.sha256}$`),
    );
    expect(failed.get('lexicon:en')).toBe('the upstream has it at version 1 but it is not held here');
    expect(failed.get('hash_bank:c')).toBe('the upstream has it at version 7 but it is not held here');

    const behind = verifyStaged(local, stagePage(local, []), checksumsOf(honest));
    expect(behind.get('hash_bank:b')).toBe('held at version 2, the upstream is at 3');
  });

  test('a copy past the checksum version came from a later snapshot and is not judged by this page', () => {
    const local = holding(bankV2);
    const older = bankState(bankDelta('b', 0, 1, []), [e1]);
    expect(verifyStaged(local, stagePage(local, []), checksumsOf(older))).toEqual(new Map());
  });

  test('a bank held without its display name cannot be verified until a delta or snapshot names it', () => {
    const local = holding({ ...bankV2, bank: { ...bankV2.bank, name: '' } });
    local.problems.set('hash_bank:b', 'its display name, part of the checksum, was never synced');
    expect(verifyStaged(local, stagePage(local, []), checksumsOf(bankV2)).get('hash_bank:b')).toMatch(/display name/);
    const named = stagePage(local, [bankDelta('b', 2, 3, [e3])]);
    expect(verifyStaged(local, named, checksumsOf(named.staged.get('hash_bank:b')!))).toEqual(new Map());
  });

  test('a subject the page moved but whose checksum the page leaves out is not trusted', () => {
    const page = stagePage(empty(), [bankDelta('b', 0, 1, [e1])]);
    expect(verifyStaged(empty(), page, {}).get('hash_bank:b')).toBe("the page's checksums do not cover it");
  });
});

describe('subjects this workstation does not take', () => {
  test('a lexicon for a locale the app has no lexicon of is refused, not applied, not resynced, and its checksum is not held against it', () => {
    const unknown = { ...lexiconDelta(0, 1, [{ id: 'xx.scam.x', phrase: 'x' }]), locale: 'xx' };
    const page = stagePage(empty(), [unknown, lexiconDelta(0, 1, [{ id: 'en.scam.x', phrase: 'x' }])]);
    expect(page.refused).toEqual(new Map([['lexicon:xx', "its locale 'xx' is unknown to this app (it has lexicons for de, en, es, fr)"]]));
    expect([...page.staged.keys()]).toEqual(['lexicon:en']);
    expect(page.outOfStep).toEqual(new Map());
    const remote: Checksums = { ...checksumsOf(page.staged.get('lexicon:en')!), 'lexicon:xx': { version: 1, sha256: hex('9') } };
    expect(verifyStaged(empty(), page, remote)).toEqual(new Map());
  });
});
