import { randomUUID } from 'node:crypto';
import { CAP_KINDS, isHighSeverity, tierDetail, type BlurTier, type CapKind, type WellnessDay, type WellnessPolicy } from '@workstation/protocol';
import {
  ApiError,
  type ItemSignals,
  type ItemWellness,
  type Lens,
  type MediaViewing,
  type ParsedPreviewRequest,
  type PreferencesReply,
  type ReviewItem,
  type ViewingPreferences,
  type WellnessStatus,
} from '../../api';
import {
  classifyImage,
  classifyItem,
  clearFraction,
  peakClearSeconds,
  viewWeight,
  type Classified,
  type ExposureRecorder,
  type View,
} from '../exposure';
import type { ItemRow, Store } from '../store';
import { countIdle } from './breaks';
import { budgetsOf, describe, isCap, stateOf } from './status';
import {
  ACTIVITY_GAP_MS,
  breaksTaken,
  DAY_MS,
  dayOf,
  dayStart,
  HOUR_MS,
  iso,
  lastBreakEnd,
  longestStretchMs,
  nextDayStart,
  reviewMs,
  SHIFT_GAP_MS,
  shifts,
  shiftStartedAt,
} from './time';
import { checkPreferences, effectivePreferences, floorOf, heavier, limitsFor, policyInForce } from './viewing';

/** Who the limits are for: the moderator and the team whose limits apply. */
export interface Reviewer {
  id: string;
  teamId: string | null;
}

export interface WellnessDeps {
  store: Store;
  exposure: ExposureRecorder;
  clock: () => Date;
  /** Seconds since the person last gave input (Platform). */
  idleSeconds: () => number;
  /** What analysis knows about an item now. */
  signalsOf: (item: ReviewItem) => ItemSignals;
  /** The moderator's state changed (a warning, a cap, a break due or over, the day over). */
  onStatus: (accountId: string, status: WellnessStatus) => void;
  log: (line: string) => void;
}

/** What core serves for one preview request, once the policy allowed it. */
export interface ViewDecision {
  classified: Classified;
  view: View;
  maxSize: number;
  lens: Lens | null;
}

/** One preview core served, to go on the record as exposure. */
export interface ServedPreview {
  itemId: string;
  sha256: string;
  classified: Classified;
  view: View;
  width: number;
  height: number;
  lens: Lens | null;
  revealId: string | null;
}

/** The whole evaluation: the status shown, and what the gates read from it. */
interface Evaluation {
  status: WellnessStatus;
  policy: WellnessPolicy;
  /** Per category, why clear views are refused now. */
  clearCapped: Map<string, string>;
  highSeverityCapped: string | null;
}

const END_OF_TIME = '9999-12-31T00:00:00.000Z';
/**
 * How often a day's aggregate is queued while review goes on; sign-out and a shared check-in
 * queue it at once. The upstream keeps the newest, so this only bounds how stale a lead's view is.
 */
export const AGGREGATE_EVERY_MS = 10 * 60_000;
const UNTIL_MIDNIGHT_UTC = '00:00 UTC';
const minutes = (ms: number) => Math.round((ms / 60_000) * 10) / 10;

export function createWellness(deps: WellnessDeps) {
  const { store, exposure, clock } = deps;
  const classified = new Map<string, { version: number; item: Classified; media: Map<string, Classified> }>();
  const published = new Map<string, string>();
  /** When each moderator's aggregates were last queued (or, before that, when this core first saw them). */
  const queuedAt = new Map<string, number>();

  const policy = () => policyInForce(store);

  /** The item's category and each image's; kept once every image is analysed, since it cannot change then. */
  function classify(item: ReviewItem): { item: Classified; media: Map<string, Classified> } {
    const p = policy();
    const kept = classified.get(item.id);
    if (kept?.version === p.version) return kept;
    const signals = deps.signalsOf(item);
    const result = { version: p.version, item: classifyItem(p, signals), media: new Map(signals.media.map((m) => [m.sha256, classifyImage(p, m)])) };
    if (signals.media.every((m) => m.status !== 'pending')) classified.set(item.id, result);
    return result;
  }

  function storedPreferences(accountId: string): ViewingPreferences | null {
    return (store.viewingPreferences(accountId) as ViewingPreferences | null) ?? null;
  }

  function evaluate(who: Reviewer): Evaluation {
    const nowMs = clock().getTime();
    const now = iso(nowMs);
    const p = policy();
    const limits = limitsFor(p, who.teamId);
    const day = dayOf(nowMs);
    const stretches = store.reviewStretches(who.id, iso(nowMs - 8 * DAY_MS));
    const shiftStart = shiftStartedAt(stretches, nowMs);
    const lastStretch = stretches.at(-1);
    const breakMs = limits.breakMinutes * 60_000;

    // A break due counts the person's idle time until it is done.
    let latest = store.latestBreak(who.id);
    let breakProgress = null;
    if (latest !== null && latest.doneAt === null) {
      breakProgress = countIdle(latest, nowMs, deps.idleSeconds());
      const doneAt = breakProgress.done ? now : null;
      store.updateBreak({
        id: latest.id,
        countedSeconds: breakProgress.countedSeconds,
        idleFrom: breakProgress.idleFrom,
        idleSeen: breakProgress.idleSeen,
        doneAt,
      });
      if (doneAt !== null) deps.log(`[wellness] ${who.id}: break done after ${Math.round(breakProgress.totalSeconds)} s away`);
      latest = { ...latest, doneAt };
    }
    const sinceBreak = lastBreakEnd(stretches, breakMs, latest?.doneAt ? Date.parse(latest.doneAt) : null, nowMs);
    const shownShift = shiftStart === null ? [] : store.itemsShown(who.id, iso(shiftStart));
    const highShift = shownShift.filter((s) => isHighSeverity(s.severity));
    const highSinceBreak = highShift.filter((s) => Date.parse(s.firstShownAt) >= sinceBreak).length;
    const msSinceBreak = reviewMs(stretches, sinceBreak, nowMs);

    if (latest === null || latest.doneAt !== null) {
      const reason =
        msSinceBreak >= limits.breakAfterMinutes * 60_000
          ? 'minutes'
          : highSinceBreak >= limits.breakAfterHighSeverityItems
            ? 'high_severity_items'
            : null;
      if (reason !== null) {
        const id = randomUUID();
        store.startBreak({ id, accountId: who.id, reason, dueAt: now, requiredSeconds: limits.breakMinutes * 60 });
        deps.log(
          `[wellness] ${who.id}: a ${limits.breakMinutes}-minute break is due (${reason === 'minutes' ? `${minutes(msSinceBreak)} min of review` : `${highSinceBreak} high-severity items`} since the last)`,
        );
        latest = store.latestBreak(who.id);
        breakProgress = latest && countIdle(latest, nowMs, 0);
      }
    }
    const openBreak = latest !== null && latest.doneAt === null ? latest : null;

    const hourEvents = exposure.events(who.id, iso(nowMs - HOUR_MS), END_OF_TIME).filter((e) => e.areaFraction > 0);
    const clearHour = new Map<string, { seconds: number; resetsAt: string }>();
    for (const e of hourEvents) {
      const held = clearHour.get(e.category);
      const resetsAt = iso(Date.parse(e.startedAt) + HOUR_MS);
      clearHour.set(e.category, { seconds: (held?.seconds ?? 0) + (e.seconds ?? 0) * e.areaFraction, resetsAt: held?.resetsAt ?? resetsAt });
    }
    const shiftSums = shiftStart === null ? [] : exposure.sums(who.id, iso(shiftStart), END_OF_TIME);
    const nextShiftAt = lastStretch ? iso(Date.parse(lastStretch.endedAt) + SHIFT_GAP_MS) : null;
    const labels = new Map(p.categories.map((c) => [c.id, c.label]));
    const budgets = budgetsOf({
      limits,
      reviewMinutesToday: minutes(reviewMs(stretches, dayStart(day), nowMs)),
      minutesSinceBreak: minutes(msSinceBreak),
      highSeverityItemsSinceBreak: highSinceBreak,
      highSeverityItemsShift: highShift.length,
      clearHour,
      clearShift: new Map(shiftSums.map((s) => [s.category, s.clearSeconds])),
      labels,
      nextDayAt: iso(nextDayStart(day)),
      nextShiftAt,
    });
    for (const b of budgets.filter((x) => isCap(x) && x.state === 'reached')) {
      const periodStart = b.kind === 'daily_review_minutes' ? iso(dayStart(day)) : iso(shiftStart ?? nowMs);
      if (store.noteCapHit(who.id, b.kind, b.category ?? '', periodStart, now)) deps.log(`[wellness] ${who.id}: limit reached, ${describe(b)}`);
    }

    const clearCapped = new Map<string, string>();
    for (const b of budgets.filter((x) => (x.kind === 'clear_per_hour' || x.kind === 'clear_per_shift') && x.state === 'reached')) {
      if (b.category === null || clearCapped.has(b.category)) continue;
      clearCapped.set(
        b.category,
        `The clear-view limit is reached (${describe(b)}): reveals, the lens, colour and lighter tiers of ${b.categoryLabel ?? b.category} images are refused until ${b.resetsAt ?? 'the next shift'}.`,
      );
    }
    const highBudget = budgets.find((b) => b.kind === 'high_severity_items' && b.state === 'reached');
    const highSeverityCapped = highBudget
      ? `The high-severity limit is reached (${describe(highBudget)}): only S0 and S1 items are offered until a new shift; the others go back to the pool when the batch is handed back.`
      : null;

    const state = stateOf(budgets, openBreak !== null);
    const daily = budgets.find((b) => b.kind === 'daily_review_minutes')!;
    const message =
      state === 'day_over'
        ? `Today's review limit is reached (${describe(daily)}). Review opens again at ${daily.resetsAt} (${UNTIL_MIDNIGHT_UTC}); your batch went back to the pool.`
        : state === 'break_due' && openBreak !== null
          ? breakMessage(openBreak.reason, limits.breakMinutes, Math.max(0, openBreak.requiredSeconds - (breakProgress?.totalSeconds ?? 0)))
          : state === 'capped'
            ? (highSeverityCapped ?? [...clearCapped.values()][0] ?? null)
            : state === 'warning'
              ? `Close to a limit: ${budgets
                  .filter((b) => b.state !== 'ok')
                  .map(describe)
                  .join('; ')}.`
              : null;

    const todaySums = exposure.sums(who.id, iso(dayStart(day)), END_OF_TIME);
    const total = (since: number) => exposure.sums(who.id, iso(since), END_OF_TIME).reduce((sum, s) => sum + s.weightedSeconds, 0);
    const latestCheckIn = store.checkIns(who.id, iso(dayStart(day)))[0] ?? null;
    const decided = store.decisionsWithoutClearView(who.id, iso(dayStart(day)), END_OF_TIME);
    const status: WellnessStatus = {
      policyVersion: p.version,
      state,
      at: now,
      message,
      budgets,
      break:
        openBreak === null
          ? null
          : {
              reason: openBreak.reason,
              dueAt: openBreak.dueAt,
              requiredSeconds: openBreak.requiredSeconds,
              countedSeconds: Math.min(openBreak.requiredSeconds, breakProgress?.totalSeconds ?? 0),
            },
      exposure: {
        hour: total(nowMs - HOUR_MS),
        shift: shiftStart === null ? 0 : shiftSums.reduce((sum, s) => sum + s.weightedSeconds, 0),
        day: todaySums.reduce((sum, s) => sum + s.weightedSeconds, 0),
        week: total(nowMs - 7 * DAY_MS),
      },
      categories: todaySums.map((s) => ({
        category: s.category,
        label: labels.get(s.category) ?? s.category,
        severity: s.severity,
        viewedSeconds: s.viewedSeconds,
        clearSeconds: s.clearSeconds,
        weightedSeconds: s.weightedSeconds,
        items: s.items,
      })),
      shift: {
        startedAt: shiftStart === null ? null : iso(shiftStart),
        reviewMinutes: shiftStart === null ? 0 : minutes(reviewMs(stretches, shiftStart, nowMs)),
        highSeverityItems: highShift.length,
      },
      today: {
        day,
        reviewMinutes: minutes(reviewMs(stretches, dayStart(day), nowMs)),
        breaksTaken: breaksTaken(stretches, breakMs, dayStart(day), nextDayStart(day)),
        decisions: decided.decisions,
        decisionsWithoutClearView: decided.withoutClearView,
      },
      checkIn: latestCheckIn,
    };
    return { status, policy: p, clearCapped, highSeverityCapped };
  }

  function breakMessage(reason: 'minutes' | 'high_severity_items', breakMinutes: number, remainingSeconds: number): string {
    const why = reason === 'minutes' ? 'you have reviewed for a long stretch without one' : 'you have seen many high-severity items since the last';
    return `Break due: ${breakMinutes} minutes, counted while you are away (${Math.ceil(remainingSeconds / 60)} min left), because ${why}. Review resumes when it is done.`;
  }

  /** Evaluates and tells the renderer when the state, a budget's state or the break changed. */
  function refresh(who: Reviewer): Evaluation {
    const evaluation = evaluate(who);
    const { status } = evaluation;
    const key = JSON.stringify([
      status.state,
      status.policyVersion,
      status.break?.dueAt ?? null,
      status.budgets.map((b) => [b.kind, b.category, b.state]),
    ]);
    if (published.get(who.id) !== key) {
      published.set(who.id, key);
      deps.onStatus(who.id, status);
    }
    return evaluation;
  }

  /** How one image is served: the policy's rule for its severity, made safer by the moderator's own settings. */
  function mediaViewing(who: Reviewer, p: WellnessPolicy, sha256: string, c: Classified, clearCapped: ReadonlyMap<string, string>): MediaViewing {
    const rule = p.viewing[c.severity];
    const own = effectivePreferences(p, storedPreferences(who.id))[c.severity];
    return {
      sha256,
      category: c.category,
      categoryLabel: c.label,
      severity: c.severity,
      defaultTier: heavier(rule.defaultTier, own.tier),
      stepFloor: rule.stepFloor,
      grayscale: own.grayscale || rule.grayscale !== 'default_off',
      grayscaleLocked: rule.grayscale === 'locked',
      previewSize: Math.min(rule.previewSize, own.previewSize),
      lensMaxRadius: rule.lensMaxRadius,
      warning: rule.warningScreen || own.warningScreen ? c.label : null,
      capped: clearCapped.get(c.category) ?? null,
    };
  }

  function refuseWhileStopped(evaluation: Evaluation, what: string): void {
    const { status } = evaluation;
    if ((status.state === 'day_over' || status.state === 'break_due') && status.message !== null) {
      throw new ApiError('forbidden', `${what} is refused: ${status.message}`);
    }
  }

  /** The clear-view day of one moderator, as uploaded: per category, never per item. */
  function dayAggregate(who: Reviewer, day: string): WellnessDay {
    const nowMs = clock().getTime();
    const p = policy();
    const limits = limitsFor(p, who.teamId);
    const from = dayStart(day);
    const to = Math.min(nextDayStart(day), nowMs);
    const breakMs = limits.breakMinutes * 60_000;
    const stretches = store.reviewStretches(who.id, iso(from - SHIFT_GAP_MS));
    const dayShifts = shifts(stretches).filter((s) => s.to >= from && s.from < to);
    const shown = store.itemsShown(who.id, iso(from)).filter((s) => Date.parse(s.firstShownAt) < to);
    const high = shown.filter((s) => isHighSeverity(s.severity));
    const events = exposure.events(who.id, iso(from), iso(nextDayStart(day)));
    const shiftOf = (at: number) => dayShifts.findIndex((s) => at >= s.from - ACTIVITY_GAP_MS && at <= s.to + ACTIVITY_GAP_MS);
    const byCategory = new Map<string, typeof events>();
    for (const e of events) byCategory.set(e.category, [...(byCategory.get(e.category) ?? []), e]);
    const peakHour = peakClearSeconds(events, HOUR_MS);
    const shared = store.checkIns(who.id, iso(from)).find((c) => c.shared && Date.parse(c.at) < nextDayStart(day));
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      idempotencyKey: `wellness-${randomUUID()}`,
      day,
      computedAt: iso(nowMs),
      policyVersion: p.version,
      reviewMinutes: round(reviewMs(stretches, from, to) / 60_000),
      longestStretchMinutes: round(longestStretchMs(stretches, breakMs, from, to) / 60_000),
      shifts: dayShifts.filter((s) => s.from >= from).length,
      breaksTaken: breaksTaken(stretches, breakMs, from, to),
      highSeverityItems: high.length,
      peakShiftHighSeverityItems: Math.max(0, ...dayShifts.map((_, i) => high.filter((h) => shiftOf(Date.parse(h.firstShownAt)) === i).length)),
      capsHit: [
        ...new Set(
          store
            .capsHit(who.id, iso(from))
            .filter((c) => Date.parse(c.at) < to)
            .map((c) => c.cap),
        ),
      ].filter((cap): cap is CapKind => (CAP_KINDS as readonly string[]).includes(cap)),
      sharedMood: shared?.mood ?? null,
      categories: [...byCategory].map(([category, list]) => {
        const clearOf = (subset: typeof list) => subset.reduce((sum, e) => sum + (e.seconds ?? 0) * e.areaFraction, 0);
        const perShift = dayShifts.map((_, i) => clearOf(list.filter((e) => shiftOf(Date.parse(e.startedAt)) === i)));
        return {
          category,
          viewedSeconds: round(list.reduce((sum, e) => sum + (e.seconds ?? 0), 0)),
          clearSeconds: round(clearOf(list)),
          weightedSeconds: round(list.reduce((sum, e) => sum + (e.seconds ?? 0) * e.weight, 0)),
          items: new Set(list.map((e) => e.itemId)).size,
          peakHourClearSeconds: round(peakHour.get(category) ?? 0),
          peakShiftClearSeconds: round(Math.max(clearOf(list.filter((e) => shiftOf(Date.parse(e.startedAt)) < 0)), ...perShift)),
        };
      }),
    };
  }

  function preferences(who: Reviewer): PreferencesReply {
    const p = policy();
    return {
      preferences: effectivePreferences(p, storedPreferences(who.id)),
      floor: floorOf(p),
      categories: p.categories.map(({ id, label, severity }) => ({ id, label, severity })),
      policyVersion: p.version,
    };
  }

  /**
   * Queues today's aggregate for upload (replacing one still waiting), and yesterday's when it
   * changed after its last upload, so a day is complete upstream once it is over.
   */
  function queueAggregates(who: Reviewer): void {
    const nowMs = clock().getTime();
    const today = dayOf(nowMs);
    const yesterday = dayOf(nowMs - DAY_MS);
    const last = store.lastWellnessDayComputedAt(who.id, yesterday);
    const days = last === null || Date.parse(last) < dayStart(today) ? [yesterday, today] : [today];
    for (const day of days) {
      const aggregate = dayAggregate(who, day);
      if (day !== today && aggregate.reviewMinutes === 0 && aggregate.categories.length === 0) continue;
      store.enqueueWellnessDay({ key: aggregate.idempotencyKey, accountId: who.id, day, payload: aggregate, at: aggregate.computedAt });
    }
    queuedAt.set(who.id, nowMs);
  }

  /** Queues the aggregates when AGGREGATE_EVERY_MS has passed since they last were. */
  function queueAggregatesIfDue(who: Reviewer): void {
    const nowMs = clock().getTime();
    const last = queuedAt.get(who.id);
    if (last === undefined) queuedAt.set(who.id, nowMs);
    else if (nowMs - last >= AGGREGATE_EVERY_MS) queueAggregates(who);
  }

  /** What was read ahead for each reviewer (queue.ahead), waiting for the decision that puts it on screen. */
  const ahead = new Map<string, { afterItemId: string; item: ReviewItem; served: ServedPreview[] }>();
  /** The item a decision put on screen from what was read ahead, until it is decided in turn: its previews ahead may still be on their way. */
  const onScreenFromAhead = new Map<string, string>();

  function itemWellness(who: Reviewer, item: ReviewItem): ItemWellness {
    const c = classify(item);
    const { policy: p, clearCapped } = refresh(who);
    return {
      category: c.item.category,
      categoryLabel: c.item.label,
      severity: c.item.severity,
      media: item.media.map((m) =>
        mediaViewing(
          who,
          p,
          m.sha256,
          c.media.get(m.sha256) ?? classifyImage(p, { sha256: m.sha256, status: 'pending', bankMatches: [] }),
          clearCapped,
        ),
      ),
    };
  }

  function itemShown(who: Reviewer, item: ReviewItem): ItemWellness {
    const c = classify(item);
    store.noteItemShown(who.id, item.id, clock().toISOString(), c.item.category, c.item.severity);
    exposure.itemShown(who.id, item.id);
    return itemWellness(who, item);
  }

  function served(who: Reviewer, preview: ServedPreview): void {
    const p = policy();
    const { view, classified: c } = preview;
    exposure.served({
      accountId: who.id,
      itemId: preview.itemId,
      sha256: preview.sha256,
      category: c.category,
      severity: c.severity,
      view: view.kind,
      tier: view.kind === 'clear' ? 'clear' : view.tier,
      grayscale: view.grayscale,
      width: preview.width,
      height: preview.height,
      areaFraction: clearFraction(view),
      lens: preview.lens,
      revealId: preview.revealId,
      weight: viewWeight(p, c.severity, view),
      policyVersion: p.version,
    });
    refresh(who);
  }

  return {
    policy,
    classify,
    /** Reads the status (and moves a break on), telling the renderer if it changed. */
    status(who: Reviewer): WellnessStatus {
      return refresh(who).status;
    },
    /** A review call (an item, a preview, a reveal, a decision) is refused while a break is due or the day is over. */
    checkReview(who: Reviewer, what: string): void {
      refuseWhileStopped(refresh(who), what);
    },
    /** A review call was carried out: it counts as review time. A refused one writes nothing. */
    reviewed(who: Reviewer): void {
      store.noteReviewActivity(who.id, clock().toISOString(), ACTIVITY_GAP_MS);
    },
    /** Why a pending item is not offered now (the high-severity limit), per item id. */
    withheld(who: Reviewer, items: readonly ItemRow[]): Map<string, string> {
      const { highSeverityCapped } = refresh(who);
      const out = new Map<string, string>();
      if (highSeverityCapped === null) return out;
      for (const row of items) {
        if (row.status !== 'pending') continue;
        const c = classify(row.item).item;
        if (isHighSeverity(c.severity)) out.set(row.id, `Withheld (${c.severity}, ${c.label}). ${highSeverityCapped}`);
      }
      return out;
    },
    /** The item's wellness view, and it is on the record as shown (its severity counts toward the item limits). */
    itemShown,
    /**
     * The wellness view of the item read ahead of afterItemId, on the record as shown only once
     * afterItemId is decided (itemDecided): until then the moderator is still looking at that one.
     */
    itemAhead(who: Reviewer, afterItemId: string, item: ReviewItem): ItemWellness {
      const known = ahead.get(who.id);
      // Read ahead again (the renderer re-reads on every queue change): what was served of it stays on the record to come.
      const served = known?.afterItemId === afterItemId && known.item.id === item.id ? known.served : [];
      ahead.set(who.id, { afterItemId, item, served });
      return itemWellness(who, item);
    },
    /** The item a preview ahead of itemId may be served after: the one queue.ahead read it ahead of, else null. */
    aheadOf(who: Reviewer, itemId: string): string | null {
      const pending = ahead.get(who.id);
      return pending?.item.id === itemId ? pending.afterItemId : null;
    },
    /**
     * A preview served ahead: exposure from the moment the item before it is decided. Drawing it
     * takes a while, so that decision may come first: the item is on screen then and the preview is
     * on the record from now; if the queue has moved past it, it is refused and shown to no one.
     */
    servedAhead(who: Reviewer, preview: ServedPreview): void {
      const pending = ahead.get(who.id);
      if (pending?.item.id === preview.itemId) pending.served.push(preview);
      else if (onScreenFromAhead.get(who.id) === preview.itemId) served(who, preview);
      else throw new ApiError('conflict', 'The queue moved past this item before its preview ahead was ready; nothing was recorded.', 'ahead');
    },
    /**
     * A decision took the item off the screen; the item read ahead of it (with the previews served
     * ahead) is what the screen shows now, so it goes on the record as shown.
     */
    itemDecided(who: Reviewer, itemId: string): void {
      exposure.itemDecided(who.id, itemId);
      if (onScreenFromAhead.get(who.id) === itemId) onScreenFromAhead.delete(who.id);
      const pending = ahead.get(who.id);
      if (pending?.afterItemId !== itemId) return;
      ahead.delete(who.id);
      onScreenFromAhead.set(who.id, pending.item.id);
      itemShown(who, pending.item);
      for (const preview of pending.served) served(who, preview);
    },
    signedOut(who: Reviewer): void {
      ahead.delete(who.id);
      onScreenFromAhead.delete(who.id);
      exposure.signedOut(who.id);
    },
    /** Refuses a reveal when a clear-view limit of the image's category is reached, or the policy has no hover lens for it. */
    checkReveal(who: Reviewer, item: ReviewItem, sha256: string, kind: 'hover_region' | 'hold_full'): void {
      const evaluation = refresh(who);
      const c = classify(item).media.get(sha256);
      if (!c) return;
      const capped = evaluation.clearCapped.get(c.category);
      if (capped) throw new ApiError('forbidden', `Reveal refused: ${capped}`, 'sha256');
      if (kind === 'hover_region' && evaluation.policy.viewing[c.severity].lensMaxRadius === 0) {
        throw new ApiError(
          'forbidden',
          `Reveal refused: the wellness policy has no hover lens for ${c.label} (${c.severity}); hold Space to see it whole, which is logged.`,
          'kind',
        );
      }
    },
    /**
     * What to serve for a preview request, by the policy: its default for the image's severity
     * (safer with the moderator's own settings); a lighter tier down to the step floor; colour
     * unless grayscale is locked; a lens no larger than the policy's radius. Anything clearer
     * than the default is refused at a clear-view limit. Refusals are 403s saying why.
     */
    decideView(who: Reviewer, item: ReviewItem, sha256: string, request: ParsedPreviewRequest): ViewDecision {
      const evaluation = refresh(who);
      const c = classify(item).media.get(sha256);
      if (!c) throw new ApiError('not_found', `Item ${item.id} has no image ${sha256}.`, 'sha256');
      const rule = mediaViewing(who, evaluation.policy, sha256, c, evaluation.clearCapped);
      const grayscale = request.grayscale ?? rule.grayscale;
      const what = `${c.label} (${c.severity})`;
      if (!grayscale && rule.grayscaleLocked) {
        throw new ApiError('forbidden', `Colour is not available for ${what}: the wellness policy keeps these images grayscale.`, 'grayscale');
      }
      const tier: BlurTier | 'clear' = request.tier === 'default' ? rule.defaultTier : request.tier;
      if (tier !== 'clear' && tierDetail(tier) > tierDetail(rule.stepFloor)) {
        throw new ApiError(
          'forbidden',
          `'${tier}' is lighter than the lightest step the wellness policy allows for ${what}, '${rule.stepFloor}'. Hold Space or hover to reveal instead; reveals are logged.`,
          'tier',
        );
      }
      const clearer =
        tier === 'clear' || request.lens !== undefined || tierDetail(tier) > tierDetail(rule.defaultTier) || (!grayscale && rule.grayscale);
      if (clearer && rule.capped !== null) throw new ApiError('forbidden', rule.capped, 'tier');
      if (request.lens !== undefined && request.lens.r > rule.lensMaxRadius + 1e-9) {
        throw new ApiError(
          'forbidden',
          rule.lensMaxRadius === 0
            ? `The wellness policy has no hover lens for ${what}.`
            : `A lens of radius ${request.lens.r} is larger than the wellness policy allows for ${what} (${rule.lensMaxRadius} of the shorter side).`,
          'lens',
        );
      }
      const view: View =
        tier === 'clear'
          ? { kind: 'clear', grayscale }
          : request.lens !== undefined
            ? { kind: 'lens', tier, grayscale, areaFraction: 0 }
            : { kind: 'tier', tier, grayscale };
      return { classified: c, view, maxSize: rule.previewSize, lens: request.lens ?? null };
    },
    /** Puts a served preview on the record as exposure, then re-reads the limits. */
    served,
    preferences,
    setPreferences(who: Reviewer, wanted: ViewingPreferences): PreferencesReply {
      checkPreferences(policy(), wanted);
      store.putViewingPreferences(who.id, wanted, clock().toISOString());
      return preferences(who);
    },
    checkIn(who: Reviewer, mood: number, share: boolean): void {
      store.addCheckIn(randomUUID(), who.id, { at: clock().toISOString(), mood, shared: share });
      if (share) queueAggregates(who);
    },
    queueAggregates,
    queueAggregatesIfDue,
    dayAggregate,
  };
}

export type Wellness = ReturnType<typeof createWellness>;
