import { describe, expect, it } from 'vitest';
import type { ReasonCode } from '../../../electron/api';
import {
  filterReasonCodes,
  looksLikeChildSafety,
  orderForAction,
  preselectedCode,
} from '../../../renderer/queue/reasonCodes';

const rc = (code: string, label: string, category: string, description = ''): ReasonCode => ({
  code,
  label,
  category,
  description,
  actions: [],
});

const codes = [
  rc('SPAM-1', 'Commercial spam', 'spam', 'Repeated unsolicited promotion'),
  rc('HATE-2', 'Hate speech against a protected group', 'hate_speech', 'Attacks on the basis of religion'),
  rc('CSE-1', 'Sexualisation of minors', 'child_safety', 'Any sexualised depiction of a minor'),
  rc('VIO-3', 'Graphic violence', 'violence', 'Gore without context'),
  rc('GRM-1', 'Grooming', 'child-sexual-exploitation', 'Adult seeking contact with a child'),
  rc('HAR-1', 'Harassment', 'bullying', 'Targeted abuse of a private person, incl. spam'),
];

const codesOf = (list: readonly ReasonCode[]) => list.map((r) => r.code);

describe('filterReasonCodes', () => {
  it('returns everything for an empty query', () => {
    expect(codesOf(filterReasonCodes(codes, '   '))).toEqual(codesOf(codes));
  });

  it('matches code, label, category and description, ignoring case', () => {
    expect(codesOf(filterReasonCodes(codes, 'vio'))).toEqual(['VIO-3']);
    expect(codesOf(filterReasonCodes(codes, 'GROOMING'))).toEqual(['GRM-1']);
    expect(codesOf(filterReasonCodes(codes, 'religion'))).toEqual(['HATE-2']);
    expect(codesOf(filterReasonCodes(codes, 'hate_speech'))).toEqual(['HATE-2']);
  });

  it('requires every term', () => {
    expect(codesOf(filterReasonCodes(codes, 'minor sexual'))).toEqual(['CSE-1']);
    expect(codesOf(filterReasonCodes(codes, 'minor spam'))).toEqual([]);
  });

  it('ignores accents on either side', () => {
    const withAccent = [rc('DE-1', 'Belästigung', 'harassment')];
    expect(codesOf(filterReasonCodes(withAccent, 'belastigung'))).toEqual(['DE-1']);
    expect(codesOf(filterReasonCodes([rc('X', 'Belastigung', 'h')], 'Beläst'))).toEqual(['X']);
  });

  it('puts codes whose code or label starts with the query first', () => {
    expect(codesOf(filterReasonCodes(codes, 'spam'))).toEqual(['SPAM-1', 'HAR-1']);
    expect(codesOf(filterReasonCodes(codes, 'har'))).toEqual(['HAR-1']);
  });
});

describe('child safety on escalation', () => {
  it('recognises child-safety categories however they are spelled', () => {
    expect(looksLikeChildSafety('child_safety')).toBe(true);
    expect(looksLikeChildSafety('Child Sexual Exploitation')).toBe(true);
    expect(looksLikeChildSafety('csam')).toBe(true);
    expect(looksLikeChildSafety('minor-safety')).toBe(true);
    expect(looksLikeChildSafety('spam')).toBe(false);
    expect(looksLikeChildSafety('hate_speech')).toBe(false);
    expect(looksLikeChildSafety('mink-farming')).toBe(false);
  });

  it('orders child-safety codes first for escalate and leaves remove alone', () => {
    expect(codesOf(orderForAction(codes, 'escalate'))).toEqual(['CSE-1', 'GRM-1', 'SPAM-1', 'HATE-2', 'VIO-3', 'HAR-1']);
    expect(codesOf(orderForAction(codes, 'remove'))).toEqual(codesOf(codes));
  });

  it('preselects the first child-safety code only when escalating', () => {
    expect(preselectedCode(codes, 'escalate')).toBe('CSE-1');
    expect(preselectedCode(codes, 'remove')).toBeNull();
    expect(preselectedCode([rc('SPAM-1', 'Spam', 'spam')], 'escalate')).toBeNull();
  });
});
