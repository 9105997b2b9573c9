import type { Migration } from './types';
import { migration as m0001 } from './0001-assignments-and-items';
import { migration as m0002 } from './0002-decisions-and-outbox';
import { migration as m0003 } from './0003-policy-and-settings';
import { migration as m0004 } from './0004-hash-banks';
import { migration as m0005 } from './0005-analysis-results';
import { migration as m0006 } from './0006-sync-cursor-and-lexicons';
import { migration as m0007 } from './0007-escalations-and-actions';
import { migration as m0008 } from './0008-reveal-log';
import { migration as m0009 } from './0009-outbox-items-and-failures';
import { migration as m0010 } from './0010-wellness';
import { migration as m0020 } from './0020-decision-chain';
import { migration as m0021 } from './0021-team-log';
import { migration as m0030 } from './0030-item-purge';
import { migration as m0031 } from './0031-report-preservation';
import { migration as m0040 } from './0040-vpdq-bank-entries';

/** In order. A new migration gets the next number and a name saying what it does. */
export const migrations: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0020,
  m0021,
  m0030,
  m0031,
  m0040,
];
export type { Migration };
