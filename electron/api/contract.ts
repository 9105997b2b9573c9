/**
 * The one API contract. Every call the renderer can make is declared here once: its name, the zod
 * schema of its input, the zod schema of its output, and the roles allowed to make it. Both
 * transports (Electron IPC and the browser-mode HTTP host) validate inputs with these same schemas
 * and dispatch into the same core handlers, so the renderer never knows which one it has.
 */
import { z } from 'zod';
import { applyActionInputSchema, appliedActionSchema } from './enforcement';
import {
  agreementSchema,
  appealDecideInputSchema,
  appealViewSchema,
  auditDetailSchema,
  auditLogPageSchema,
  auditPageInputSchema,
  auditStatusSchema,
  chainReportSchema,
  correctionViewSchema,
  downloadInputSchema,
  exportBundleSchema,
  exportFileSchema,
  exportReportInputSchema,
  exportViewInputSchema,
  qaDrawInputSchema,
  qaItemSchema,
  qaRecordInputSchema,
  qaRefInputSchema,
  qaSampleSchema,
  qaSampleSummarySchema,
  qaVerdictInputSchema,
} from './audit';
import { draftPatchSchema, escalationDraftSchema, escalationSummarySchema } from './escalation';
import {
  accountSchema,
  decisionActionSchema,
  demoAccountsReplySchema,
  plainTextSchema,
  policySchema,
  reportKindSchema,
  policyPreviewSchema,
  roleSchema,
  sha256Schema,
  teamExposureSchema,
  wellnessPolicyContentSchema,
  wellnessPolicySchema,
  type Role,
} from '@workstation/protocol';
import { decisionSchema, itemViewSchema, queueStateSchema, revealKindSchema, skipReasonSchema, syncStatusSchema } from './types';
import {
  checkInInputSchema,
  periodInputSchema,
  preferencesReplySchema,
  teamCsvSchema,
  viewingPreferencesSchema,
  wellnessStatusSchema,
} from './wellness';

/** Who may make a call. 'public' calls work without a signed-in session (sign-in itself). */
export type Access = 'public' | readonly Role[];

export interface CallSpec<I extends z.ZodType, O extends z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
  readonly summary: string;
}

function call<I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> {
  return spec;
}

const emptySchema = z.object({}).strict();
const okSchema = z.object({ ok: z.literal(true) });
const anyone: readonly Role[] = roleSchema.options;

export const contract = {
  'session.demoAccounts': call({
    summary: 'Demo accounts the login screen lists (empty when the upstream is not a demo).',
    input: emptySchema,
    output: demoAccountsReplySchema,
    access: 'public',
  }),
  'session.login': call({
    summary: 'Sign in against the upstream; the session then holds the account and its role.',
    input: z
      .object({
        username: plainTextSchema(128).trim().min(1, 'Enter a username'),
        // The upstream refuses control characters in every string it reads, passwords included.
        password: plainTextSchema(1024).min(1, 'Enter a password'),
      })
      .strict(),
    output: z.object({ account: accountSchema }),
    access: 'public',
  }),
  'session.current': call({
    summary: 'The signed-in account, or null.',
    input: emptySchema,
    output: z.object({ account: accountSchema.nullable() }),
    access: 'public',
  }),
  'session.logout': call({
    summary: 'Sign out. Decisions not yet uploaded stay in the outbox and upload at next sign-in.',
    input: emptySchema,
    output: okSchema,
    access: anyone,
  }),
  'policy.reasonCodes': call({
    summary: 'Reason codes of the current policy, as last synced from the upstream.',
    input: emptySchema,
    output: policySchema,
    access: anyone,
  }),
  'queue.lease': call({
    summary: 'Lease a new batch of items from the upstream and prepare it for review.',
    input: z.object({ size: z.number().int().min(1).max(100).optional() }).strict(),
    output: queueStateSchema,
    access: ['moderator'],
  }),
  'queue.state': call({
    summary: "The moderator's current batch: items in review order, progress and lease.",
    input: emptySchema,
    output: queueStateSchema,
    access: ['moderator'],
  }),
  'queue.item': call({
    summary: 'One item of the batch with its text, account context and media references.',
    input: z.object({ itemId: z.string().min(1).max(128) }).strict(),
    output: itemViewSchema,
    access: ['moderator'],
  }),
  'queue.ahead': call({
    summary:
      'The item that follows itemId (the current item) in review order, read ahead so it paints the instant itemId is decided; it counts as shown, and its previews served ahead as exposure, from that decision on. null when nothing follows.',
    input: z.object({ itemId: z.string().min(1).max(128) }).strict(),
    output: z.object({ view: itemViewSchema.nullable() }),
    access: ['moderator'],
  }),
  'review.decide': call({
    summary: 'Record a decision locally (with its outbox entry) and schedule its upload.',
    input: z
      .object({
        itemId: z.string().min(1).max(128),
        action: decisionActionSchema,
        reasonCode: z.string().min(1).max(64).nullable(),
        /** Required with skip, refused with anything else. */
        skipReason: skipReasonSchema.nullable().optional(),
        note: plainTextSchema(2000).nullable(),
      })
      .strict(),
    output: z.object({ decision: decisionSchema }),
    access: ['moderator'],
  }),
  'review.undo': call({
    summary: 'Cancel a decision still inside its undo window; the item returns to the queue.',
    input: z.object({ decisionId: z.string().min(1).max(128) }).strict(),
    output: z.object({ itemId: z.string() }),
    access: ['moderator'],
  }),
  'actions.apply': call({
    summary: 'Apply an enforcement action to items of the current batch or their account; queued for upload with the decisions.',
    input: applyActionInputSchema,
    output: z.object({ action: appliedActionSchema }),
    access: ['moderator'],
  }),
  'escalation.open': call({
    summary:
      "The item's escalation draft of this kind, created and prefilled from the item, its signals, its account and the reveal log on first open.",
    input: z.object({ itemId: z.string().min(1).max(128), kind: reportKindSchema }).strict(),
    output: escalationDraftSchema,
    access: ['moderator'],
  }),
  'escalation.update': call({
    summary: 'Save what was typed into a draft (a JSON merge patch); incomplete drafts are kept, with their problems listed.',
    input: z.object({ draftId: z.string().min(1).max(128), patch: draftPatchSchema }).strict(),
    output: escalationDraftSchema,
    access: ['moderator'],
  }),
  'escalation.submit': call({
    summary: "Validate the full report and, in one local transaction, queue it, record the item's escalate decision and queue the mandated actions.",
    input: z.object({ draftId: z.string().min(1).max(128) }).strict(),
    output: escalationSummarySchema,
    access: ['moderator'],
  }),
  'escalation.list': call({
    summary: "Escalations made on this workstation: a moderator's own, or everyone's for a supervisor.",
    input: emptySchema,
    output: z.object({ escalations: z.array(escalationSummarySchema) }),
    access: ['moderator', 'supervisor'],
  }),
  'reveal.begin': call({
    summary: 'Start a logged reveal of one image; the clear preview is served only under an open reveal.',
    input: z.object({ itemId: z.string().min(1).max(128), sha256: sha256Schema, kind: revealKindSchema }).strict(),
    output: z.object({ revealId: z.string() }),
    access: ['moderator'],
  }),
  'reveal.end': call({
    summary: 'Close a reveal. Core measured how long it was open and which lens regions it served; the renderer reports nothing.',
    input: z.object({ revealId: z.string().min(1).max(128) }).strict(),
    output: okSchema,
    access: ['moderator'],
  }),
  'session.activity': call({
    summary:
      'The person at the screen just gave input: in browser mode, breaks count only the time since the last of these (throttled by the renderer).',
    input: emptySchema,
    output: okSchema,
    access: anyone,
  }),
  'wellness.status': call({
    summary: "The moderator's own exposure today against each cap, the break due or under way, warnings and the check-in.",
    input: emptySchema,
    output: wellnessStatusSchema,
    access: ['moderator'],
  }),
  'wellness.preferences': call({
    summary: "The moderator's viewing preferences per severity, with the policy's floor they may not go below.",
    input: emptySchema,
    output: preferencesReplySchema,
    access: ['moderator'],
  }),
  'wellness.setPreferences': call({
    summary:
      'Store viewing preferences on this workstation; a setting weaker than the floor is refused (403 naming the floor) and nothing is stored.',
    input: z.object({ preferences: viewingPreferencesSchema }).strict(),
    output: preferencesReplySchema,
    access: ['moderator'],
  }),
  'wellness.checkIn': call({
    summary: "A 1-5 check-in. It stays on this workstation unless share is true; shared, it joins the day's upload without a name.",
    input: checkInInputSchema,
    output: z.object({ ok: z.literal(true), shared: z.boolean() }),
    access: ['moderator'],
  }),
  'wellness.policy': call({
    summary: 'The wellness policy in force on the upstream, to edit.',
    input: emptySchema,
    output: wellnessPolicySchema,
    access: ['wellness_lead'],
  }),
  'wellness.previewPolicy': call({
    summary: "What a draft policy would have done to the team's last seven days: breaks and capped shifts, per budget, against the policy in force.",
    input: z.object({ policy: wellnessPolicyContentSchema }).strict(),
    output: policyPreviewSchema,
    access: ['wellness_lead'],
  }),
  'wellness.savePolicy': call({
    summary: 'Save the policy as the next version over baseVersion (409 when someone saved meanwhile); it reaches every workstation by delta sync.',
    input: z.object({ baseVersion: z.int().nonnegative(), policy: wellnessPolicyContentSchema }).strict(),
    output: wellnessPolicySchema,
    access: ['wellness_lead'],
  }),
  'wellness.team': call({
    summary: "The team's exposure by day and harm category, caps hit and breaks taken: aggregates only, never an item or a named person.",
    input: periodInputSchema,
    output: teamExposureSchema,
    access: ['wellness_lead', 'supervisor'],
  }),
  'wellness.teamCsv': call({
    summary: 'The same team aggregates as CSV, one row per day and harm category.',
    input: periodInputSchema,
    output: teamCsvSchema,
    access: ['wellness_lead', 'supervisor'],
  }),
  'sync.status': call({
    summary: 'Online state, pending uploads, last successful sync and conflicts needing attention.',
    input: emptySchema,
    output: syncStatusSchema,
    access: anyone,
  }),
  'sync.now': call({
    summary: 'Drain the outbox now instead of waiting for the next tick.',
    input: emptySchema,
    output: syncStatusSchema,
    access: anyone,
  }),
  'audit.download': call({
    summary:
      "Download the team's log for a period page by page (audit.progress events), verifying each page's checksum; resumes where an interrupted download stopped.",
    input: downloadInputSchema,
    output: auditStatusSchema,
    access: ['supervisor'],
  }),
  'audit.status': call({
    summary: 'What of the team log is stored here: the team, the periods, counts, uploads waiting, and the values the filters can take.',
    input: emptySchema,
    output: auditStatusSchema,
    access: ['supervisor'],
  }),
  'audit.log': call({
    summary: 'One page of the stored team log: filters, full text over notes, sort, and a keyset cursor that belongs to this query only.',
    input: auditPageInputSchema,
    output: auditLogPageSchema,
    access: ['supervisor'],
  }),
  'audit.detail': call({
    summary: "One decision's history (original, corrections, QA, appeal, actions, escalations), its signals and chain link; never media.",
    input: z.object({ decisionId: z.string().min(1).max(200) }).strict(),
    output: auditDetailSchema,
    access: ['supervisor'],
  }),
  'qa.draw': call({
    summary: 'Draw a QA sample from the stored decisions: the same seed, size and mode give the same sample; stratified samples are proportional.',
    input: qaDrawInputSchema,
    output: qaSampleSchema,
    access: ['supervisor'],
  }),
  'qa.samples': call({
    summary: 'The QA samples drawn on this workstation, newest first, with how many are done.',
    input: emptySchema,
    output: z.object({ samples: z.array(qaSampleSummarySchema) }),
    access: ['supervisor'],
  }),
  'qa.sample': call({
    summary: 'One QA sample and where each of its decisions stands.',
    input: z.object({ sampleId: z.string().min(1).max(128) }).strict(),
    output: qaSampleSchema,
    access: ['supervisor'],
  }),
  'qa.item': call({
    summary: 'A sampled decision for blind re-review: the original decision stays hidden until the re-review is recorded.',
    input: qaRefInputSchema,
    output: qaItemSchema,
    access: ['supervisor'],
  }),
  'qa.record': call({
    summary: 'Record the blind re-review of a sampled decision; the answer shows the original decision.',
    input: qaRecordInputSchema,
    output: qaItemSchema,
    access: ['supervisor'],
  }),
  'qa.verdict': call({
    summary: "Agree with the original or overturn it with a reason; queued for upload exactly once, an overturn corrects the moderator's decision.",
    input: qaVerdictInputSchema,
    output: qaItemSchema,
    access: ['supervisor'],
  }),
  'audit.agreement': call({
    summary:
      "Moderators' agreement with QA, per moderator and per category: accuracy, Cohen's kappa, the reason-code confusion matrix and time per decision.",
    input: z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() }).strict(),
    output: agreementSchema,
    access: ['supervisor'],
  }),
  'appeals.list': call({
    summary: "The team's appeals as downloaded, with whether this reviewer may decide each (never the moderator who made the decision).",
    input: emptySchema,
    output: z.object({ appeals: z.array(appealViewSchema) }),
    access: ['supervisor'],
  }),
  'appeals.decide': call({
    summary: 'Decide an open appeal (uphold, or overturn with the new action); refused for the original moderator; queued for upload exactly once.',
    input: appealDecideInputSchema,
    output: appealViewSchema,
    access: ['supervisor'],
  }),
  'chain.verify': call({
    summary: "Verify this workstation's own decision hash chain and report the first broken link.",
    input: emptySchema,
    output: chainReportSchema,
    access: ['moderator', 'supervisor'],
  }),
  'audit.verifyTeam': call({
    summary: "Verify the downloaded team records' hash chains, per workstation, against the chain heads the upstream stored.",
    input: emptySchema,
    output: chainReportSchema,
    access: ['supervisor'],
  }),
  'audit.exportCsv': call({
    summary: 'The filtered log view as CSV (RFC 4180), saved on the workstation and returned for download.',
    input: exportViewInputSchema,
    output: exportFileSchema,
    access: ['supervisor'],
  }),
  'audit.exportPdf': call({
    summary: 'A PDF audit report: period, sample, findings, kappa and chain head.',
    input: exportReportInputSchema,
    output: exportFileSchema,
    access: ['supervisor'],
  }),
  'audit.exportBundle': call({
    summary: "A signed bundle: the CSV, the PDF, a manifest of their SHA-256, the manifest's Ed25519 signature and the workstation's public key.",
    input: exportReportInputSchema,
    output: exportBundleSchema,
    access: ['supervisor'],
  }),
  'corrections.mine': call({
    summary: "Corrections of the signed-in moderator's decisions (QA overturns, appeal outcomes) with their reasons, as of the last sync.",
    input: emptySchema,
    output: z.object({ corrections: z.array(correctionViewSchema), unseen: z.number().int() }),
    access: ['moderator'],
  }),
  'corrections.seen': call({
    summary: 'Mark every listed correction as read.',
    input: emptySchema,
    output: okSchema,
    access: ['moderator'],
  }),
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
export type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Contract[N]['output']>;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events pushed from core to the renderer (WebSocket in browser mode, IPC in Electron). */
export const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sync.status'), status: syncStatusSchema }),
  z.object({ type: z.literal('queue.changed') }),
  z.object({ type: z.literal('lease.expiring'), assignmentId: z.string(), expiresAt: z.string() }),
  /** Every image of the item has been analysed (or found unanalysable): its signals are final and it may be decided. */
  z.object({ type: z.literal('item.analysed'), itemId: z.string() }),
  /** A team-log download's progress: records stored so far, pages taken. */
  z.object({
    type: z.literal('audit.progress'),
    state: z.enum(['downloading', 'done', 'failed']),
    records: z.number().int(),
    pages: z.number().int(),
    message: z.string().nullable(),
  }),
  /** New corrections of the moderator's decisions came down with a sync. */
  z.object({ type: z.literal('corrections.changed'), unseen: z.number().int() }),
  /** The moderator's wellness state changed: a warning, a cap, a break due or over, the day over. */
  z.object({ type: z.literal('wellness.status'), status: wellnessStatusSchema }),
]);
export type WorkstationEvent = z.infer<typeof eventSchema>;
