import type { ItemSignals, MediaSignals, ReviewItem } from '../../../api';
import { type BankContents, type BankDelta, type BankMatchReport, HashBankIndex, type HashBankStore, type HashBankSummary } from '../banks';
import type { AnalysisPool } from './pool';
import { createTextSignals, type SyncedLexicons } from './textSignals';
import type { MediaAnalysis } from './types';
import { videoSignals } from './videoSignals';

/**
 * Bumped whenever analyseMedia would give a different answer for the same bytes (decode, PDQ,
 * model): stored results of another version are analysed again.
 */
export const PIPELINE_VERSION = 3;

/** What the service needs from core/store. */
export interface AnalysisServiceStore extends HashBankStore, SyncedLexicons {
  media(sha256: string): { bytes: Buffer; mimeType: string } | null;
  analysisResult(sha256: string): { pipelineVersion: number; result: unknown } | null;
  putAnalysisResult(r: { sha256: string; pipelineVersion: number; status: MediaAnalysis['status']; result: unknown; analysedAt: string }): void;
}

export interface AnalysisServiceDeps {
  store: AnalysisServiceStore;
  pool: AnalysisPool;
  clock: () => Date;
  log: (line: string) => void;
}

export interface AnalysedMedia {
  analysis: MediaAnalysis;
  banks: BankMatchReport;
}

export type AnalysisService = ReturnType<typeof createAnalysisService>;

/** A stored analysis names the classifier cascade it was made with. */
type StoredAnalysis = MediaAnalysis & { classifierModels?: string };

/** Whether some model of the cascade gave no scores: such a result is not kept past this run. */
function classifierIncomplete(analysis: MediaAnalysis): boolean {
  if (analysis.status !== 'analysed') return false;
  const { classifier } = analysis;
  return 'unavailable' in classifier || classifier.models.some((m) => 'unavailable' in m);
}

/**
 * Analyses each media file once (by SHA-256) on the worker pool, keeps the result in the store,
 * matches it against the hash banks on every read (banks change; the analysis does not), and
 * assembles the signals an item view shows.
 */
export function createAnalysisService(deps: AnalysisServiceDeps) {
  const { store, pool, clock, log } = deps;
  const classifierModels = pool.models.join(',');
  let banks = HashBankIndex.load(store, clock);
  const textSignals = createTextSignals(store, log);
  // Off the start-up path, and before anyone waits for a first item. A failure here is only logged:
  // the same compile runs again on the first item, which reports it to whoever asked.
  const preparing = setImmediate(() => {
    try {
      textSignals.prepare();
    } catch (error) {
      log(`[analysis] compiling the lexicons ahead of the first item failed; they compile on first use instead: ${String(error)}`);
    }
  });
  const inFlight = new Map<string, Promise<MediaAnalysis>>();
  // Results with a classifier model unavailable are kept for this run only, so a repaired model scores them after a restart.
  const thisRunOnly = new Map<string, MediaAnalysis>();
  const backgroundRuns = new Set<Promise<number>>();
  let closing = false;

  const known = (sha256: string): MediaAnalysis | null => {
    const remembered = thisRunOnly.get(sha256);
    if (remembered) return remembered;
    const stored = store.analysisResult(sha256);
    if (!stored || stored.pipelineVersion !== PIPELINE_VERSION) return null;
    const result = stored.result as StoredAnalysis;
    // Classifier scores belong to the models that gave them: after a model is added or removed, analyse again.
    return result.status === 'unanalysable' || result.classifierModels === classifierModels ? result : null;
  };

  const keep = (sha256: string, analysis: MediaAnalysis): void => {
    if (classifierIncomplete(analysis)) {
      thisRunOnly.set(sha256, analysis);
      return;
    }
    store.putAnalysisResult({
      sha256,
      pipelineVersion: PIPELINE_VERSION,
      status: analysis.status,
      result: { ...analysis, classifierModels } satisfies StoredAnalysis,
      analysedAt: clock().toISOString(),
    });
  };

  const analyse = (sha256: string, bytes: Buffer, mimeType: string): Promise<MediaAnalysis> => {
    const done = known(sha256);
    if (done) return Promise.resolve(done);
    let pending = inFlight.get(sha256);
    if (!pending) {
      pending = pool
        .analyse(bytes, mimeType, `media ${sha256}`)
        .then((analysis) => {
          if (analysis.sha256 !== sha256) log(`[analysis] media ${sha256} has SHA-256 ${analysis.sha256} on disk; its cache entry is damaged`);
          keep(sha256, analysis);
          return analysis;
        })
        .finally(() => inFlight.delete(sha256));
      inFlight.set(sha256, pending);
    }
    return pending;
  };

  const mediaSignals = (sha256: string): MediaSignals => {
    const analysis = known(sha256);
    if (!analysis) return { sha256, status: 'pending', bankMatches: [] };
    const report = banks.match(analysis);
    if (analysis.status === 'unanalysable') {
      return { sha256, status: 'unanalysable', reason: analysis.reason, bankMatches: report.matches };
    }
    if (analysis.kind === 'video') return videoSignals(analysis, report.matches);
    return {
      sha256,
      status: 'analysed',
      pdq: { hash: analysis.pdq.hash, quality: analysis.pdq.quality, lowQuality: report.lowQuality },
      classifier: analysis.classifier,
      bankMatches: report.matches,
    };
  };

  return {
    /** The analysis of these bytes (from the store when already done) with their bank matches now. */
    async analysed(sha256: string, bytes: Buffer, mimeType: string): Promise<AnalysedMedia> {
      const analysis = await analyse(sha256, bytes, mimeType);
      return { analysis, banks: banks.match(analysis) };
    },

    /**
     * Analyses the downloaded media of these items in review order, as many at once as the pool
     * has threads, and calls onItemAnalysed for each item once every one of its images has a
     * result. Never rejects: a failure is logged and the preview path retries on demand.
     */
    analyseInReviewOrder(items: readonly ReviewItem[], onItemAnalysed: (itemId: string) => void = () => {}): Promise<number> {
      if (closing) return Promise.resolve(0);
      const queue = items.flatMap((item) => item.media.map((m) => ({ item, sha256: m.sha256 })));
      const told = new Set<string>();
      const tellIfDone = (item: ReviewItem) => {
        if (told.has(item.id) || !item.media.every((m) => known(m.sha256))) return;
        told.add(item.id);
        onItemAnalysed(item.id);
      };
      let analysed = 0;
      const worker = async () => {
        for (let next = queue.shift(); next && !closing; next = queue.shift()) {
          try {
            if (!known(next.sha256)) {
              const media = store.media(next.sha256);
              if (!media) continue;
              await analyse(next.sha256, media.bytes, media.mimeType);
              analysed++;
            }
            tellIfDone(next.item);
          } catch (error) {
            log(`[analysis] media ${next.sha256} of item ${next.item.id} was not analysed: ${(error as Error).message}`);
          }
        }
      };
      const run = Promise.all(Array.from({ length: pool.threads }, worker)).then(() => analysed);
      backgroundRuns.add(run);
      void run.finally(() => backgroundRuns.delete(run));
      return run;
    },

    mediaSignals,

    /** Whatever is ready for this item: media still being analysed shows as 'pending'. */
    itemSignals(item: ReviewItem): ItemSignals {
      return { media: item.media.map((m) => mediaSignals(m.sha256)), ...textSignals(item) };
    },

    /** Applies one upstream hash-bank delta; throws BankDeltaError (nothing changed) when refused. */
    applyBankDelta(delta: BankDelta): HashBankSummary {
      const summary = banks.applyDelta(delta);
      log(`[analysis] hash bank ${summary.name} (${summary.category}) is at version ${summary.version} with ${summary.entries} entries`);
      return summary;
    },

    /** Replaces a bank wholesale from a verified snapshot; throws BankDeltaError (nothing changed) when malformed. */
    replaceBank(contents: BankContents): HashBankSummary {
      const summary = banks.replace(contents);
      log(
        `[analysis] hash bank ${summary.name} (${summary.category}) was replaced wholesale: version ${summary.version} with ${summary.entries} entries`,
      );
      return summary;
    },

    /**
     * Reads every bank from the store again. For a caller whose transaction around bank changes
     * rolled back: memory had followed the writes, so it must follow the rollback too.
     */
    reloadBanks(): void {
      banks = HashBankIndex.load(store, clock);
    },

    hashBanks: (): HashBankSummary[] => banks.summaries(),

    /** Lets background work finish the file it is on, then stops the workers; call before closing the store. */
    async close(): Promise<void> {
      closing = true;
      clearImmediate(preparing);
      await Promise.allSettled([...backgroundRuns, ...inFlight.values()]);
      await pool.close();
    },
  };
}
