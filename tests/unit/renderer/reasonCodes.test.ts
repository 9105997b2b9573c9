import { describe, expect, it } from 'vitest';
import type { ItemSignals, ReasonCode } from '../../../electron/api';
import { filterReasonCodes, isChildSafetyReason, looksLikeChildSafety, pickerOrder, suggestedCodes } from '../../../renderer/queue/reasonCodes';
import { singleModelSignal } from '../../support/classifierSignal';

const rc = (code: string, label: string, category: string, description = '', actions: string[] = []): ReasonCode => ({
  code,
  label,
  category,
  description,
  actions,
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

  it('counts a code as child safety by its category or by filing an NCMEC report', () => {
    expect(isChildSafetyReason(rc('CSAE-1', 'Child sexual exploitation', 'child_safety'))).toBe(true);
    expect(isChildSafetyReason(rc('X-1', 'Unlabelled', 'other', '', ['remove_content', 'report_ncmec']))).toBe(true);
    expect(isChildSafetyReason(rc('SPAM-1', 'Spam', 'spam', '', ['remove_content']))).toBe(false);
  });
});

describe('what the picker offers first', () => {
  const signals = (categories: { classifier?: string[]; redFlags?: string[] }): ItemSignals => ({
    media: [
      {
        sha256: 'a'.repeat(64),
        status: 'analysed',
        classifier: singleModelSignal('m', [
          ...(categories.classifier ?? []).map((category) => ({ label: category, probability: 0.9, threshold: 0.5, category, flagged: true })),
          { label: 'Hate', probability: 0.1, threshold: 0.5, category: 'hate_speech', flagged: false },
        ]),
        bankMatches: [],
      },
    ],
    redFlags: (categories.redFlags ?? []).map((category) => ({ fieldId: 'caption', start: 0, end: 1, entryId: 'e', category, severity: 2 })),
    grooming: null,
    lexicon: { locale: 'en', version: 1 },
  });

  it('suggests codes named by flagged scores and red-flag phrases, never a child-safety code and never an unflagged score', () => {
    expect(codesOf(suggestedCodes(codes, signals({ redFlags: ['violence', 'grooming'] })))).toEqual(['VIO-3']);
    expect(codesOf(suggestedCodes(codes, signals({ classifier: ['spam'] })))).toEqual(['SPAM-1']);
    expect(codesOf(suggestedCodes([rc('SCAM-1', 'Fraud and scams', 'fraud')], signals({ redFlags: ['scam'] })))).toEqual(['SCAM-1']);
    expect(codesOf(suggestedCodes([rc('SEX-1', 'Sexual solicitation', 'adult_sexual')], signals({ redFlags: ['sexual_solicitation'] })))).toEqual([
      'SEX-1',
    ]);
    expect(suggestedCodes(codes, signals({}))).toEqual([]);
  });

  it('lists suggestions first and child-safety codes last, in policy order otherwise', () => {
    const suggested = codes.filter((c) => c.code === 'VIO-3');
    expect(codesOf(pickerOrder(codes, suggested))).toEqual(['VIO-3', 'SPAM-1', 'HATE-2', 'HAR-1', 'CSE-1', 'GRM-1']);
    expect(codesOf(pickerOrder(codes, []))).toEqual(['SPAM-1', 'HATE-2', 'VIO-3', 'HAR-1', 'CSE-1', 'GRM-1']);
  });
});
