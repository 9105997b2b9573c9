import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { convertNsfwjsModel, NSFWJS_MODELS, type NsfwjsModel } from './nsfwjs/convert';

// Builds the .onnx file of every manifest in models/ that says how ("build"). Runs at install
// time: offline, from weights inside installed npm packages, in seconds.
const MODELS_DIR = path.dirname(fileURLToPath(import.meta.url));

const buildSchema = z.object({
  file: z.string().min(1),
  build: z.object({ nsfwjs: z.enum(Object.keys(NSFWJS_MODELS) as [NsfwjsModel, ...NsfwjsModel[]]) }).optional(),
});

const started = performance.now();
for (const name of readdirSync(MODELS_DIR)
  .filter((f) => f.endsWith('.manifest.json'))
  .sort()) {
  const parsed = buildSchema.safeParse(JSON.parse(readFileSync(path.join(MODELS_DIR, name), 'utf8')));
  if (!parsed.success) throw new Error(`models/${name}: ${z.prettifyError(parsed.error)}`);
  const { file, build } = parsed.data;
  if (!build) {
    console.log(`models: ${name} names no build step; its ${file} is expected to be provided`);
    continue;
  }
  const result = convertNsfwjsModel(build.nsfwjs, path.resolve(MODELS_DIR, file));
  console.log(
    `models: ${result.written ? 'wrote' : 'unchanged'} ${path.relative(process.cwd(), result.path)} ` +
      `(${(result.bytes / 1e6).toFixed(1)} MB, ${result.nodes} nodes, sha256 ${result.sha256.slice(0, 16)}) from ${result.source}`,
  );
}
console.log(`models: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
