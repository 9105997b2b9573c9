// The classifier cascade (issue 14): what the second model costs per image and how often it runs.
// Every image and every sampled video frame of the demo set (generateDemoData, seed 1, 200 items)
// goes through analyseMedia twice per pass: once with the fast model alone (the peer) and once
// with the cascade the models/ folder declares (MobileNetV2 on everything, InceptionV3 when its
// manifest's band says MobileNetV2 was unsure). Figures are the median of the passes, one
// onnxruntime thread, on the main thread; classifier time is measured around the classifier call
// alone, whole-analysis time around analyseMedia (decode, hashes, classifier).
// Run: npm run bench -- cascade
import os from 'node:os';
import path from 'node:path';
import { discoverModels, type LoadedManifest } from '../../electron/core/signals/classifier';
import { analyseMedia, classifierCascade, type ClassifierSlot } from '../../electron/core/signals/pipeline';
import { generateDemoData } from '../../upstream/demo';
import { videoTools } from '../support/videoFixtures';
import { REPO_ROOT } from '../unit/classifier/fixtures';

const PASSES = 3;
const SEED = 1;
const SIZE = 200;

const models = discoverModels(path.join(REPO_ROOT, 'models'), (line) => console.log(`  ${line}`));
const [fast, second] = models;
if (!fast || !second?.manifest.runsWhen) throw new Error('the cascade bench needs models/ to declare a second model with runsWhen');

interface Tally {
  /** Classifier calls: one per image, one per sampled video frame. */
  images: number;
  frames: number;
  secondOnImages: number;
  secondOnFrames: number;
  classifierMs: number;
  /** Classifier time of the calls on which the second model ran. */
  secondRunMs: number;
  analysisMs: number;
}

/** The cascade, timed around each call, counting the calls on which the second model ran. */
function timed(slot: ClassifierSlot, tally: Tally, kind: () => 'image' | 'frame'): ClassifierSlot {
  return {
    async classify(image) {
      const start = performance.now();
      const outcome = await slot.classify(image);
      const ms = performance.now() - start;
      tally.classifierMs += ms;
      const ranSecond = 'models' in outcome && outcome.models.some((m) => m.modelId === second!.manifest.id);
      if (kind() === 'image') {
        tally.images++;
        if (ranSecond) tally.secondOnImages++;
      } else {
        tally.frames++;
        if (ranSecond) tally.secondOnFrames++;
      }
      if (ranSecond) tally.secondRunMs += ms;
      return outcome;
    },
    dispose: () => slot.dispose(),
  };
}

const demo = await generateDemoData({ seed: SEED, size: SIZE });
const media = [...demo.media.values()];
console.log(
  `\ncascade bench: demo set seed ${SEED}, ${SIZE} items, ${media.length} media files (${media.filter((m) => m.mimeType === 'video/mp4').length} videos)`,
);
console.log(
  `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), SHARED with other engineers' builds: figures are noisy (load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')})\n`,
);

async function pass(cascade: readonly LoadedManifest[], slot: ClassifierSlot): Promise<Tally> {
  const tally: Tally = { images: 0, frames: 0, secondOnImages: 0, secondOnFrames: 0, classifierMs: 0, secondRunMs: 0, analysisMs: 0 };
  let current: 'image' | 'frame' = 'image';
  const classifier = timed(slot, tally, () => current);
  for (const file of media) {
    current = file.mimeType === 'video/mp4' ? 'frame' : 'image';
    const start = performance.now();
    const analysis = await analyseMedia(file.bytes, file.mimeType, { classifier, video: { tools: videoTools }, log: () => {} });
    tally.analysisMs += performance.now() - start;
    if (analysis.status !== 'analysed' || 'unavailable' in analysis.classifier) {
      throw new Error(`demo media did not analyse with ${cascade.map((m) => m.manifest.id).join(' + ')}: ${JSON.stringify(analysis).slice(0, 300)}`);
    }
  }
  return tally;
}

const single = classifierCascade([fast]);
const both = classifierCascade(models);
// Warm-up: loads both sessions and brings the demo bytes and ffmpeg into the page cache.
await pass([fast], single);
await pass(models, both);

const singles: Tally[] = [];
const cascades: Tally[] = [];
for (let i = 0; i < PASSES; i++) {
  singles.push(await pass([fast], single));
  cascades.push(await pass(models, both));
}
await Promise.all([single.dispose(), both.dispose()]);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const calls = (t: Tally) => t.images + t.frames;
const perCall = (tallies: Tally[], pick: (t: Tally) => number) => median(tallies.map((t) => pick(t) / calls(t)));

const c = cascades[0]!;
const pct = (part: number, whole: number) => `${part} of ${whole} (${((100 * part) / Math.max(1, whole)).toFixed(1)}%)`;
const { runsWhen } = second.manifest;
console.log(
  `second model ${second.manifest.id} runs when ${runsWhen.model} gives ${Object.entries(runsWhen.uncertain)
    .map(([label, [low, high]]) => `${label} in [${low}, ${high}]`)
    .join(' or ')}:`,
);
console.log(`  on images:       ${pct(c.secondOnImages, c.images)}`);
console.log(`  on video frames: ${pct(c.secondOnFrames, c.frames)}`);
console.log(`  overall:         ${pct(c.secondOnImages + c.secondOnFrames, calls(c))}\n`);

const singleMs = perCall(singles, (t) => t.classifierMs);
const cascadeMs = perCall(cascades, (t) => t.classifierMs);
const perFile = (tallies: Tally[]) => median(tallies.map((t) => t.analysisMs / media.length));
const singleAnalysis = perFile(singles);
const cascadeAnalysis = perFile(cascades);
const secondRuns = c.secondOnImages + c.secondOnFrames;
const whenRun = secondRuns === 0 ? 0 : median(cascades.map((t) => t.secondRunMs / Math.max(1, t.secondOnImages + t.secondOnFrames)));
console.log(`per image or frame, median of ${PASSES} passes (each pass: all ${calls(c)} classifier calls):`);
console.log(`  classifier, ${fast.manifest.id} alone (peer)`.padEnd(60) + `${singleMs.toFixed(2).padStart(8)} ms`);
console.log(`  classifier, cascade`.padEnd(60) + `${cascadeMs.toFixed(2).padStart(8)} ms   ratio ${(cascadeMs / singleMs).toFixed(2)}x`);
console.log(`  classifier, cascade on the calls where ${second.manifest.id} ran`.padEnd(60) + `${whenRun.toFixed(2).padStart(8)} ms`);
console.log(`\nper media file, median of ${PASSES} passes:`);
console.log(`  whole analysis (decode, hashes, classifier), single model`.padEnd(60) + `${singleAnalysis.toFixed(2).padStart(8)} ms`);
console.log(
  `  whole analysis, cascade`.padEnd(60) + `${cascadeAnalysis.toFixed(2).padStart(8)} ms   ratio ${(cascadeAnalysis / singleAnalysis).toFixed(2)}x`,
);
