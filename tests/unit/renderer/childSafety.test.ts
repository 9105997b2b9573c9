import { describe, expect, it } from 'vitest';
import type { BankMatch, MediaSignals } from '../../../electron/api';
import { analysisPending, childSafetyMatchOf, itemChildSafetyMatch } from '../../../renderer/signals/childSafety';

const match = (category: string, distance: number): BankMatch => ({ bank: `bank-${category}`, category, entryId: 'e', kind: 'pdq', distance });
const media = (sha: string, bankMatches: BankMatch[], status: MediaSignals['status'] = 'analysed'): MediaSignals => ({
  sha256: sha.repeat(64),
  status,
  bankMatches,
});
const lexicon = { locale: 'en' as const, version: 1 };

describe('child-safety matches', () => {
  it('finds a child-safety match among other banks, and nothing in other categories', () => {
    expect(childSafetyMatchOf(media('a', [match('previously_actioned', 2), match('child_safety', 5)]))?.bank).toBe('bank-child_safety');
    expect(childSafetyMatchOf(media('a', [match('terrorism', 0), match('previously_actioned', 0)]))).toBeNull();
  });

  it('reports the closest match across all media of the item', () => {
    const signals = {
      media: [media('a', [match('child_safety', 12)]), media('b', []), media('c', [{ ...match('child_safety', 3), bank: 'near' }])],
      redFlags: [],
      grooming: null,
      lexicon,
    };
    expect(itemChildSafetyMatch(signals)).toMatchObject({ bank: 'near', distance: 3 });
    expect(itemChildSafetyMatch({ ...signals, media: [media('b', [])] })).toBeNull();
  });

  it('says analysis is pending while any image is', () => {
    expect(analysisPending({ media: [media('a', []), media('b', [], 'pending')], redFlags: [], grooming: null, lexicon })).toBe(true);
    expect(analysisPending({ media: [media('a', []), media('b', [], 'unanalysable')], redFlags: [], grooming: null, lexicon })).toBe(false);
  });
});
