/**
 * An in-memory WorkstationApi for screen tests: enough queue, decision and undo behaviour to drive
 * the renderer through a batch, and a record of every preview it was asked for.
 */
import {
  ApiError,
  DEFAULT_WELLNESS_POLICY,
  SEVERITIES,
  tierDetail,
  wellnessPolicyContentSchema,
  type Account,
  type AppliedAction,
  type EscalationDraft,
  type ReportPreservation,
  type CallInput,
  type CallName,
  type CallOutput,
  type Decision,
  type DemoAccount,
  type ItemSignals,
  type ItemStatus,
  type ItemWellness,
  type PolicyPreview,
  type PreferencesReply,
  type TeamExposure,
  type WellnessPolicy,
  type WellnessStatus,
  type PreviewRequest,
  type ReasonCode,
  type ReviewItem,
  type SyncStatus,
  type WorkstationApi,
  type WorkstationEvent,
} from '../../../electron/api';
import { singleModelSignal } from '../../support/classifierSignal';

export const demoAccounts: DemoAccount[] = [
  { username: 'mod1', displayName: 'Maria Moderator', role: 'moderator', password: 'pw-mod' },
  { username: 'sup1', displayName: 'Sam Supervisor', role: 'supervisor', password: 'pw-sup' },
  { username: 'well1', displayName: 'Wen Wellness', role: 'wellness_lead', password: 'pw-well' },
];

export const reasonCodes: ReasonCode[] = [
  { code: 'SPAM-1', label: 'Commercial spam', category: 'spam', description: 'Unsolicited promotion', actions: ['remove_content', 'limit_reach'] },
  {
    code: 'HATE-1',
    label: 'Hate speech',
    category: 'hate_speech',
    description: 'Attacks on protected groups',
    actions: ['remove_content', 'warn_user', 'suspend_account'],
  },
  {
    code: 'CSE-1',
    label: 'Sexualisation of minors',
    category: 'child_safety',
    description: 'Report to NCMEC',
    actions: ['remove_content', 'terminate_account', 'report_ncmec'],
  },
  {
    code: 'THREAT-1',
    label: 'Credible threat of violence',
    category: 'violence',
    description: 'Refer to the police',
    actions: ['remove_content', 'report_law_enforcement'],
  },
];

/** What core's defaultReasonCode picks: the first code allowing everything the kind of report does. */
const requiredByKind = {
  child_safety: ['remove_content', 'terminate_account', 'report_ncmec'],
  law_enforcement: ['remove_content', 'report_law_enforcement'],
};

const hex = (c: string) => c.repeat(64);

function item(id: string, handle: string, caption: string, media: string[]): ReviewItem {
  return {
    id,
    kind: 'post',
    locale: 'de',
    createdAt: '2025-05-01T00:00:00.000Z',
    source: 'user_report',
    reportReason: 'spam',
    media: media.map((c) => ({ sha256: hex(c), mimeType: 'image/jpeg', width: 800, height: 600, byteLength: 1000 })),
    caption,
    comments: [{ id: `${id}-c1`, authorHandle: 'someone', text: 'Kommentar', createdAt: '2025-05-01T00:00:00.000Z' }],
    thread: [],
    account: {
      id: `acct-${handle}`,
      handle,
      displayName: handle.toUpperCase(),
      createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      priorStrikes: 2,
      priorActions: ['warning'],
      followers: 12,
      bio: '',
    },
    demoTags: [],
  };
}

/** A direct message from handle to other, with the thread core reads the related account from. */
export function directMessage(id: string, handle: string, other: string): ReviewItem {
  const base = item(id, handle, '', []);
  return {
    ...base,
    kind: 'direct_message',
    caption: null,
    comments: [],
    thread: [
      { id: `${id}-m1`, fromHandle: handle, toHandle: other, text: 'Hallo', sentAt: '2025-05-01T00:00:00.000Z' },
      { id: `${id}-m2`, fromHandle: other, toHandle: handle, text: 'Wer bist du?', sentAt: '2025-05-01T00:01:00.000Z' },
    ],
  };
}

export function batchItems(): ReviewItem[] {
  return [
    item('item-1', 'alpha', 'Erstes Bild', ['a', 'b']),
    item('item-2', 'beta', 'Zweites Bild', ['c']),
    item('item-3', 'alpha', 'Drittes Bild', ['d']),
  ];
}

/** What core reports once every image of the item is analysed and nothing matched or flagged. */
export function quietSignals(item: ReviewItem): ItemSignals {
  return {
    media: item.media.map((m) => ({
      sha256: m.sha256,
      status: 'analysed',
      pdq: { hash: 'f'.repeat(64), quality: 90, lowQuality: false },
      classifier: singleModelSignal('nsfw-mobilenet-v2', [
        { label: 'Porn', probability: 0.02, threshold: 0.8, category: 'adult_sexual', flagged: false },
        { label: 'Neutral', probability: 0.95, threshold: 1, category: 'none', flagged: false },
      ]),
      bankMatches: [],
    })),
    redFlags: [],
    grooming: null,
    lexicon: { locale: item.locale, version: 3 },
  };
}

/** What core reports for an item no signal flagged: an S1 image served heavy and grayscale. */
export function quietWellness(item: ReviewItem): ItemWellness {
  return {
    category: item.media.length > 0 ? 'unflagged_image' : 'text_only',
    categoryLabel: item.media.length > 0 ? 'Image no signal flagged' : 'Text with no signal',
    severity: item.media.length > 0 ? 'S1' : 'S0',
    media: item.media.map((m) => ({
      sha256: m.sha256,
      category: 'unflagged_image',
      categoryLabel: 'Image no signal flagged',
      severity: 'S1',
      defaultTier: 'heavy',
      stepFloor: 'light',
      grayscale: true,
      grayscaleLocked: false,
      previewSize: 240,
      lensMaxRadius: 0.12,
      warning: null,
      capped: null,
    })),
  };
}

/** A moderator with nothing near a limit: the status core reports at the start of a shift. */
export function calmStatus(overrides: Partial<WellnessStatus> = {}): WellnessStatus {
  return {
    policyVersion: 3,
    state: 'ok',
    at: '2025-05-01T09:30:00.000Z',
    message: null,
    budgets: [
      { kind: 'daily_review_minutes', category: null, categoryLabel: null, used: 30, limit: 240, state: 'ok', resetsAt: '2025-05-02T00:00:00.000Z' },
      { kind: 'break_minutes', category: null, categoryLabel: null, used: 30, limit: 50, state: 'ok', resetsAt: null },
      { kind: 'break_items', category: null, categoryLabel: null, used: 2, limit: 20, state: 'ok', resetsAt: null },
      { kind: 'high_severity_items', category: null, categoryLabel: null, used: 2, limit: 60, state: 'ok', resetsAt: null },
      {
        kind: 'clear_per_hour',
        category: 'unflagged_image',
        categoryLabel: 'Image no signal flagged',
        used: 12,
        limit: 300,
        state: 'ok',
        resetsAt: '2025-05-01T10:20:00.000Z',
      },
    ],
    break: null,
    exposure: { hour: 20, shift: 20, day: 20, week: 140 },
    categories: [
      {
        category: 'unflagged_image',
        label: 'Image no signal flagged',
        severity: 'S1',
        viewedSeconds: 300,
        clearSeconds: 12,
        weightedSeconds: 20,
        items: 14,
      },
    ],
    shift: { startedAt: '2025-05-01T09:00:00.000Z', reviewMinutes: 30, highSeverityItems: 2 },
    today: { day: '2025-05-01', reviewMinutes: 30, breaksTaken: 0, decisions: 14, decisionsWithoutClearView: 13 },
    checkIn: null,
    ...overrides,
  };
}

const floorPreferences = (): PreferencesReply['floor'] =>
  Object.fromEntries(
    SEVERITIES.map((s) => {
      const rule = DEFAULT_WELLNESS_POLICY.viewing[s];
      return [
        s,
        { tier: rule.defaultTier, grayscale: rule.grayscale !== 'default_off', previewSize: rule.previewSize, warningScreen: rule.warningScreen },
      ];
    }),
  ) as PreferencesReply['floor'];

/** Two days of a team of three, the shape core passes on from the upstream. */
export function teamExposure(): TeamExposure {
  const day = (d: string, minutes: number, checkIn: TeamExposure['days'][number]['checkIn']) => ({
    day: d,
    moderators: 3,
    reviewMinutes: minutes,
    breaksTaken: 4,
    capsHit: 1,
    highSeverityItems: 9,
    categories: [
      { category: 'unflagged_image', viewedSeconds: 1200, clearSeconds: 60, weightedSeconds: 95, items: 80 },
      { category: 'violent_threat', viewedSeconds: 200, clearSeconds: 4, weightedSeconds: 30, items: 9 },
    ],
    checkIn,
  });
  return {
    teamId: 'team-north',
    teamName: 'North review team',
    from: '2025-04-28',
    to: '2025-04-29',
    categories: DEFAULT_WELLNESS_POLICY.categories.map(({ id, label, severity }) => ({ id, label, severity })),
    moderators: 3,
    days: [day('2025-04-28', 600, { average: 3.7, count: 3 }), day('2025-04-29', 540, null)],
    capsHit: [{ cap: 'daily_review_minutes', count: 2 }],
  };
}

/** Core's dispatch validates the draft with the contract's schema and names the first bad field. */
function checkedPolicy(name: string, policy: unknown): void {
  const parsed = wellnessPolicyContentSchema.safeParse(policy);
  if (parsed.success) return;
  const issue = parsed.error.issues[0]!;
  const field = ['policy', ...issue.path].join('.');
  throw new ApiError('bad_request', `${name}: field "${field}" is invalid: ${issue.message}`, field);
}

/** RFC 7386 merge patch, as core applies escalation.update. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** The fields the form edits, named as core names them; core checks the whole report schema, this fake only these. */
function problemsOf(draft: EscalationDraft): EscalationDraft['problems'] {
  const report = draft.report as {
    incidentSummary?: { incidentType?: string; incidentDateTime?: string };
    additionalInfo?: string;
    threatSummary?: string;
    relatedAccounts?: Array<{ espIdentifier?: string; relationship?: string }>;
  };
  const missing = 'Invalid input: expected string, received undefined';
  const problems: EscalationDraft['problems'] = [];
  if (draft.reasonCode === null) problems.push({ path: 'reasonCode', message: 'choose a reason code from the policy' });
  if (draft.kind === 'child_safety' && !report.incidentSummary?.incidentType)
    problems.push({ path: 'incidentSummary.incidentType', message: missing });
  if (!report.incidentSummary?.incidentDateTime) problems.push({ path: 'incidentSummary.incidentDateTime', message: missing });
  if (draft.kind === 'law_enforcement' && !report.threatSummary) problems.push({ path: 'threatSummary', message: missing });
  if (!report.additionalInfo) problems.push({ path: 'additionalInfo', message: missing });
  (report.relatedAccounts ?? []).forEach((account, index) => {
    if (!account.espIdentifier) problems.push({ path: `relatedAccounts.${index}.espIdentifier`, message: missing });
    if (!account.relationship) problems.push({ path: `relatedAccounts.${index}.relationship`, message: missing });
  });
  return problems;
}

type Handlers = { [N in CallName]: (input: CallInput<N>) => CallOutput<N> };
type AuditCall = Extract<CallName, `audit.${string}` | `qa.${string}` | `appeals.${string}` | `chain.${string}` | `corrections.${string}`>;

/** A workstation with one (empty) period downloaded: the supervisor's home starts no download. */
export const emptyAuditStatus: CallOutput<'audit.status'> = {
  team: { id: 'team-north', name: 'North review team', members: [] },
  periods: [{ from: '2025-04-01T00:00:00.000Z', to: '2025-05-01T00:00:00.000Z', complete: true, records: 0, updatedAt: '2025-05-01T00:00:00.000Z' }],
  decisions: 0,
  pendingUploads: 0,
  filterValues: { categories: [], reasonCodes: [], bankCategories: [] },
};

const notFaked = (name: string) => (): never => {
  throw new ApiError('internal', `${name} is not faked in this test.`);
};

export class FakeWorkstation implements WorkstationApi {
  account: Account | null = null;
  items: ReviewItem[] = [];
  /** What the next lease hands out. */
  batch: () => ReviewItem[] = batchItems;
  statuses = new Map<string, ItemStatus>();
  decisions: Decision[] = [];
  /** Previews on screen, as the renderer asked for them. */
  previewRequests: PreviewRequest[] = [];
  /** Previews of the next item, read ahead. */
  aheadRequests: PreviewRequest[] = [];
  /** Previews read ahead arrive once this settles. */
  aheadPreviewsHeld: Promise<void> = Promise.resolve();
  /** The next call of that name fails with this error, once. */
  failNext: Partial<Record<CallName, ApiError>> = {};
  released: string[] = [];
  calls: { name: CallName; input: unknown }[] = [];
  leases = 0;
  /** Signals a test wants an item to report instead of quietSignals (pending media, matches, flags). */
  signals = new Map<string, ItemSignals>();
  reveals: { id: string; itemId: string; sha256: string; kind: string; ended: boolean }[] = [];
  /** Items' wellness views a test wants instead of quietWellness (warnings, caps, locks). */
  wellness = new Map<string, ItemWellness>();
  /** Refuses preview requests it returns an error for, as core refuses a step below the floor. */
  refusePreview: (request: PreviewRequest) => ApiError | null = () => null;
  wellnessStatus: WellnessStatus = calmStatus();
  preferences: PreferencesReply['preferences'] = floorPreferences();
  checkIns: CallInput<'wellness.checkIn'>[] = [];
  activity = 0;
  policy: WellnessPolicy = { version: 3, ...DEFAULT_WELLNESS_POLICY };
  policyPreview: PolicyPreview = {
    from: '2025-04-21',
    to: '2025-04-27',
    shifts: 20,
    currentVersion: 3,
    current: { breaks: 30, shiftsCapped: 2 },
    draft: { breaks: 42, shiftsCapped: 5 },
    budgets: [
      { cap: 'daily_review_minutes', category: null, current: 2, draft: 5 },
      { cap: 'high_severity_items', category: null, current: 0, draft: 0 },
    ],
  };
  team: TeamExposure = teamExposure();
  /** Pending items a limit keeps back, with core's reason. */
  withheld = new Map<string, string>();
  actions: AppliedAction[] = [];
  drafts: EscalationDraft[] = [];
  /** What the upstream said of each submitted report's preservation, by draft id. */
  preservations = new Map<string, ReportPreservation>();
  undoWindowMs = 10_000;
  leaseState: 'active' | 'expiring' | 'expired' = 'active';
  /** How long a call takes to answer, for tests of what happens meanwhile (with fake timers). */
  delays: Partial<Record<CallName, number>> = {};
  /** When the lease runs out; null: always 25 minutes from now, as if renewed on every read. */
  leaseExpiresAt: string | null = null;
  syncStatus: SyncStatus = { online: true, pendingUploads: 0, lastSyncAt: null, lastError: null, conflicts: [], stuck: [] };
  private listeners = new Set<(event: WorkstationEvent) => void>();
  /** The audit calls; tests of the audit screens put their own answers here. */
  audit: { [N in AuditCall]: (input: CallInput<N>) => CallOutput<N> } = {
    'audit.download': notFaked('audit.download'),
    'audit.status': () => emptyAuditStatus,
    'audit.log': () => ({ rows: [], nextCursor: null, total: 0 }),
    'audit.detail': notFaked('audit.detail'),
    'qa.draw': notFaked('qa.draw'),
    'qa.samples': notFaked('qa.samples'),
    'qa.sample': notFaked('qa.sample'),
    'qa.item': notFaked('qa.item'),
    'qa.record': notFaked('qa.record'),
    'qa.verdict': notFaked('qa.verdict'),
    'audit.agreement': notFaked('audit.agreement'),
    'appeals.list': notFaked('appeals.list'),
    'appeals.decide': notFaked('appeals.decide'),
    'chain.verify': notFaked('chain.verify'),
    'audit.verifyTeam': notFaked('audit.verifyTeam'),
    'audit.exportCsv': notFaked('audit.exportCsv'),
    'audit.exportPdf': notFaked('audit.exportPdf'),
    'audit.exportBundle': notFaked('audit.exportBundle'),
    'corrections.mine': () => ({ corrections: [], unseen: 0 }),
    'corrections.seen': () => ({ ok: true as const }),
  };

  private readonly handlers: Omit<Handlers, AuditCall> = {
    'session.demoAccounts': () => ({ accounts: demoAccounts }),
    'session.login': ({ username, password }) => {
      const found = demoAccounts.find((a) => a.username === username && a.password === password);
      if (!found) throw new ApiError('unauthenticated', 'The upstream rejected these credentials.');
      this.account = {
        id: `id-${found.username}`,
        username: found.username,
        displayName: found.displayName,
        role: found.role,
        teamId: 'team-north',
        childSafetyCleared: true,
      };
      return { account: this.account };
    },
    'session.current': () => ({ account: this.account }),
    'session.logout': () => {
      this.account = null;
      return { ok: true as const };
    },
    'policy.reasonCodes': () => ({ version: 1, reasonCodes }),
    'queue.lease': () => {
      this.leases += 1;
      this.items = this.batch();
      this.statuses = new Map(this.items.map((i) => [i.id, 'pending']));
      return this.queueState();
    },
    'queue.state': () => this.queueState(),
    'queue.item': ({ itemId }) => this.itemView(itemId),
    'queue.ahead': ({ itemId }) => {
      const at = this.items.findIndex((i) => i.id === itemId);
      const next = this.items.find((i, index) => index > at && this.statusOf(i.id) === 'pending' && !this.withheld.has(i.id));
      return { view: next ? this.itemView(next.id) : null };
    },
    'review.decide': ({ itemId, action, reasonCode, note }) => {
      const decision: Decision = {
        id: `d${this.decisions.length + 1}`,
        itemId,
        action,
        reasonCode,
        note: note ?? null,
        decidedAt: new Date().toISOString(),
        undoUntil: new Date(Date.now() + this.undoWindowMs).toISOString(),
        upload: 'undoable',
      };
      this.decisions.push(decision);
      this.statuses.set(itemId, action === 'skip' ? 'skipped' : 'decided');
      return { decision };
    },
    'review.undo': ({ decisionId }) => {
      const decision = this.decisions.find((d) => d.id === decisionId);
      if (!decision) throw new ApiError('not_found', 'No such decision.');
      decision.upload = 'undone';
      this.statuses.set(decision.itemId, 'pending');
      return { itemId: decision.itemId };
    },
    'actions.apply': (input) => {
      const action: AppliedAction = {
        id: `a${this.actions.length + 1}`,
        kind: input.kind,
        action: input.action,
        itemIds: input.itemIds,
        accountId: input.accountId,
        reasonCode: input.reasonCode,
        params: input.params ?? {},
        note: input.note,
        decidedAt: new Date().toISOString(),
        upload: 'queued',
        conflict: null,
      };
      this.actions.push(action);
      return { action };
    },
    'escalation.open': ({ itemId, kind }) => {
      const found = this.drafts.find((d) => d.itemId === itemId && d.kind === kind);
      if (found) return found;
      const source = this.items.find((i) => i.id === itemId);
      if (!source) throw new ApiError('not_found', `No item ${itemId} in this batch.`);
      const signals = this.signals.get(itemId) ?? quietSignals(source);
      const counterparts = [...new Set(source.thread.flatMap((m) => [m.fromHandle, m.toHandle]))].filter((h) => h !== source.account.handle);
      const draft: EscalationDraft = {
        draftId: `draft-${this.drafts.length + 1}`,
        itemId,
        kind,
        status: 'draft',
        reportId: null,
        reasonCode: reasonCodes.find((rc) => requiredByKind[kind].every((a) => rc.actions.includes(a)))?.code ?? null,
        report: {
          kind,
          itemId,
          incidentSummary: { incidentDateTime: source.createdAt },
          ...(kind === 'law_enforcement' ? { imminent: true } : {}),
          relatedAccounts: counterparts.map((handle) => {
            const known = this.items.find((i) => i.account.handle === handle)?.account.id;
            return {
              ...(known === undefined ? {} : { espIdentifier: known }),
              screenName: handle,
              relationship: `other party in the direct-message thread of item ${itemId}`,
            };
          }),
          personOrUserReported: { espIdentifier: source.account.id, screenName: source.account.handle, displayName: source.account.displayName },
          files: signals.media.map((m) => ({
            itemId,
            sha256: m.sha256,
            fileViewedByEsp: this.reveals.some((r) => r.sha256 === m.sha256),
            bankMatch: m.bankMatches[0]
              ? { bank: m.bankMatches[0].bank, category: 'child_safety' as const, distance: m.bankMatches[0].distance }
              : null,
          })),
        },
        problems: [],
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      };
      draft.problems = problemsOf(draft);
      this.drafts.push(draft);
      return draft;
    },
    'escalation.update': ({ draftId, patch }) => {
      const draft = this.draft(draftId);
      if (draft.status !== 'draft') throw new ApiError('conflict', `Escalation ${draftId} was already submitted; it can no longer change.`);
      if (patch.reasonCode !== undefined) draft.reasonCode = patch.reasonCode;
      if (patch.report) draft.report = mergePatch(draft.report, patch.report) as EscalationDraft['report'];
      draft.problems = problemsOf(draft);
      return draft;
    },
    'escalation.submit': ({ draftId }) => {
      const draft = this.draft(draftId);
      if (draft.problems.length > 0) throw new ApiError('bad_request', `The report is incomplete: ${draft.problems[0]?.path}.`);
      draft.status = 'queued';
      this.handlers['review.decide']({ itemId: draft.itemId, action: 'escalate', reasonCode: draft.reasonCode, note: null });
      return {
        draftId,
        itemId: draft.itemId,
        kind: draft.kind,
        status: draft.status,
        reportId: null,
        preservation: null,
        updatedAt: draft.updatedAt,
      };
    },
    'escalation.list': () => ({
      escalations: this.drafts.map((d) => ({
        draftId: d.draftId,
        itemId: d.itemId,
        kind: d.kind,
        status: d.status,
        reportId: d.reportId,
        preservation: this.preservations.get(d.draftId) ?? null,
        updatedAt: d.updatedAt,
      })),
    }),
    'reveal.begin': ({ itemId, sha256, kind }) => {
      const media = (this.signals.get(itemId)?.media ?? []).find((m) => m.sha256 === sha256);
      if (media?.bankMatches.some((m) => m.category === 'child_safety')) {
        throw new ApiError('forbidden', 'A child-safety match is never revealed.');
      }
      const id = `rv${this.reveals.length + 1}`;
      this.reveals.push({ id, itemId, sha256, kind, ended: false });
      return { revealId: id };
    },
    'reveal.end': ({ revealId }) => {
      const reveal = this.reveals.find((r) => r.id === revealId);
      if (!reveal || reveal.ended) throw new ApiError('conflict', 'That reveal is not open.');
      reveal.ended = true;
      return { ok: true as const };
    },
    'session.activity': () => {
      this.activity += 1;
      return { ok: true as const };
    },
    'wellness.status': () => this.wellnessStatus,
    'wellness.preferences': () => this.preferencesReply(),
    'wellness.setPreferences': ({ preferences }) => {
      const floor = floorPreferences();
      for (const s of SEVERITIES) {
        if (tierDetail(preferences[s].tier) > tierDetail(floor[s].tier)) {
          throw new ApiError(
            'forbidden',
            `${s}: blur '${preferences[s].tier}' shows more than the floor, '${floor[s].tier}'.`,
            `preferences.${s}.tier`,
          );
        }
      }
      this.preferences = preferences;
      return this.preferencesReply();
    },
    'wellness.checkIn': (input) => {
      this.checkIns.push(input);
      return { ok: true as const, shared: input.share };
    },
    'wellness.policy': () => this.policy,
    'wellness.previewPolicy': ({ policy }) => {
      checkedPolicy('wellness.previewPolicy', policy);
      return this.policyPreview;
    },
    'wellness.savePolicy': ({ baseVersion, policy }) => {
      checkedPolicy('wellness.savePolicy', policy);
      if (baseVersion !== this.policy.version) {
        throw new ApiError(
          'conflict',
          `Saving the wellness policy: someone saved version ${this.policy.version} meanwhile; reload the policy and make the change again`,
          'baseVersion',
        );
      }
      this.policy = { version: baseVersion + 1, ...policy };
      return this.policy;
    },
    'wellness.team': () => this.team,
    'wellness.teamCsv': ({ from, to }) => ({
      filename: `wellness-team-north-${from}-to-${to}.csv`,
      csv: 'day,category\r\n2025-04-28,unflagged_image\r\n',
    }),
    'sync.status': () => this.syncStatus,
    'sync.now': () => this.syncStatus,
  };

  async call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    this.calls.push({ name, input });
    const delay = this.delays[name];
    if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));
    const failure: ApiError | undefined = this.failNext[name];
    if (failure) {
      delete this.failNext[name];
      throw failure;
    }
    const handler = (name in this.audit ? this.audit[name as AuditCall] : this.handlers[name as Exclude<CallName, AuditCall>]) as unknown as (
      input: CallInput<N>,
    ) => CallOutput<N>;
    return handler(input);
  }

  subscribe(listener: (event: WorkstationEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every review.decide input, as the renderer sent it (skipReason included). */
  decideInputs(): CallInput<'review.decide'>[] {
    return this.calls.filter((c) => c.name === 'review.decide').map((c) => c.input as CallInput<'review.decide'>);
  }

  emit(event: WorkstationEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  async previewUrl(request: PreviewRequest): Promise<string> {
    if (request.ahead === true) {
      this.aheadRequests.push(request);
      await this.aheadPreviewsHeld;
      return `blob:ahead/${request.itemId}/${request.sha256.slice(0, 1)}`;
    }
    this.previewRequests.push(request);
    const refusal = this.refusePreview(request);
    if (refusal) throw refusal;
    if (request.tier === 'clear' || request.lens !== undefined) {
      const kind = request.lens === undefined ? 'hold_full' : 'hover_region';
      const open = this.reveals.find((r) => r.id === request.revealId && !r.ended && r.sha256 === request.sha256 && r.kind === kind);
      if (!open) throw new ApiError('forbidden', `A clear view needs an open ${kind} reveal.`);
      const at = request.lens ? `/${request.lens.x.toFixed(2)},${request.lens.y.toFixed(2)}` : '';
      return `blob:${request.lens ? 'lens' : 'clear'}/${request.itemId}/${request.sha256.slice(0, 1)}/${open.id}${at}/${this.previewRequests.length}`;
    }
    return `blob:fake/${request.itemId}/${request.sha256.slice(0, 1)}/${request.tier ?? 'default'}/${request.grayscale === undefined ? 'd' : request.grayscale ? 'g' : 'c'}`;
  }

  private preferencesReply(): PreferencesReply {
    return {
      preferences: this.preferences,
      floor: floorPreferences(),
      categories: DEFAULT_WELLNESS_POLICY.categories.map(({ id, label, severity }) => ({ id, label, severity })),
      policyVersion: this.policy.version,
    };
  }

  releasePreviewUrl(url: string): void {
    this.released.push(url);
  }

  private draft(draftId: string): EscalationDraft {
    const draft = this.drafts.find((d) => d.draftId === draftId);
    if (!draft) throw new ApiError('not_found', `No draft ${draftId}.`);
    return draft;
  }

  private statusOf(itemId: string): ItemStatus {
    return this.statuses.get(itemId) ?? 'pending';
  }

  private itemView(itemId: string): CallOutput<'queue.item'> {
    const index = this.items.findIndex((i) => i.id === itemId);
    const found = this.items[index];
    if (!found) throw new ApiError('not_found', `No item ${itemId} in this batch.`);
    return {
      item: found,
      status: this.statusOf(itemId),
      position: index,
      decision: this.decisions.find((d) => d.itemId === itemId && d.upload !== 'undone') ?? null,
      sameAccount: this.items
        .filter((i) => i.account.id === found.account.id && i.id !== itemId)
        .map((i) => ({ id: i.id, status: this.statusOf(i.id) })),
      signals: this.signals.get(itemId) ?? quietSignals(found),
      wellness: this.wellness.get(itemId) ?? quietWellness(found),
    };
  }

  private queueState(): CallOutput<'queue.state'> {
    if (this.items.length === 0) return { assignment: null, items: [], currentItemId: null, progress: { done: 0, total: 0 } };
    const done = this.items.filter((i) => this.statusOf(i.id) !== 'pending').length;
    return {
      assignment: { id: `asg-${this.leases}`, leaseExpiresAt: this.leaseExpiresAt ?? new Date(Date.now() + 25 * 60_000).toISOString() },
      items: this.items.map((i) => ({
        id: i.id,
        kind: i.kind,
        status: this.statusOf(i.id),
        accountHandle: i.account.handle,
        ...(this.withheld.has(i.id) ? { withheld: this.withheld.get(i.id)! } : {}),
      })),
      currentItemId: this.items.find((i) => this.statusOf(i.id) === 'pending' && !this.withheld.has(i.id))?.id ?? null,
      progress: { done, total: this.items.length },
      leaseState: this.leaseState,
    };
  }
}
