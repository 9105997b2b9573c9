import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLayersModel } from '../keras/layersModel';
import { layersModelToOnnx } from '../keras/layersToOnnx';
import { encodeModel } from '../onnx/encodeModel';

const MODELS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const NSFW_MOBILENET_V2_ONNX = path.join(MODELS_DIR, 'build', 'nsfw-mobilenet-v2.onnx');
export const NSFW_INCEPTION_V3_ONNX = path.join(MODELS_DIR, 'build', 'nsfw-inception-v3.onnx');

/** The layers models nsfwjs bundles under dist/models that our converter handles, with their input size. */
export const NSFWJS_MODELS = { mobilenet_v2: 224, inception_v3: 299 } as const;
export type NsfwjsModel = keyof typeof NSFWJS_MODELS;

export interface ConversionResult {
  path: string;
  bytes: number;
  sha256: string;
  /** false when the file on disk already had exactly these bytes. */
  written: boolean;
  nodes: number;
  source: string;
}

export function convertNsfwjsMobileNetV2(outputPath: string = NSFW_MOBILENET_V2_ONNX): ConversionResult {
  return convertNsfwjsModel('mobilenet_v2', outputPath);
}

export function convertNsfwjsInceptionV3(outputPath: string = NSFW_INCEPTION_V3_ONNX): ConversionResult {
  return convertNsfwjsModel('inception_v3', outputPath);
}

/**
 * Converts a layers model bundled in the nsfwjs npm package to ONNX.
 * Deterministic: the same nsfwjs version always gives the same bytes, so reruns leave the file alone.
 */
export function convertNsfwjsModel(model: NsfwjsModel, outputPath: string): ConversionResult {
  const pkg = locateNsfwjs();
  const modelDir = path.join(pkg.root, 'dist', 'models', model);
  // The package's exports map hides these UMD bundles, so they are required by file path.
  const requireFile = createRequire(import.meta.url);
  const modelJson: unknown = requireFile(path.join(modelDir, 'model.min.js'));
  const shards = new Map<string, Uint8Array>();
  for (const shardPath of shardPaths(modelJson)) {
    const base64: unknown = requireFile(path.join(modelDir, `${shardPath}.min.js`));
    if (typeof base64 !== 'string') throw new Error(`${shardPath}.min.js in ${modelDir} did not export a base64 string`);
    shards.set(shardPath, Buffer.from(base64, 'base64'));
  }

  const graph = layersModelToOnnx(readLayersModel(modelJson, shards), `nsfwjs_${model}`);
  const source = `nsfwjs@${pkg.version} dist/models/${model} (MIT)`;
  const size = NSFWJS_MODELS[model];
  const bytes = encodeModel(graph, {
    producerName: 'moderator-workstation models/nsfwjs/convert.ts',
    producerVersion: '1',
    docString: `Converted from ${source}. Input NCHW float [N,3,${size},${size}] in 0..1; output softmax over Drawing, Hentai, Neutral, Porn, Sexy.`,
  });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const written = !sameFile(outputPath, sha256);
  if (written) {
    mkdirSync(path.dirname(outputPath), { recursive: true });
    // Write then rename so a reader (or a crash) never sees half a model.
    const partial = `${outputPath}.${process.pid}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, outputPath);
  }
  return { path: outputPath, bytes: bytes.length, sha256, written, nodes: graph.nodes.length, source };
}

function locateNsfwjs(): { root: string; version: string } {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('nsfwjs');
  } catch {
    throw new Error('The nsfwjs package is not installed; run `npm install` (it is a devDependency) before building models');
  }
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'nsfwjs') return { root: dir, version: pkg.version ?? 'unknown' };
  }
  throw new Error(`Could not find the nsfwjs package folder above ${entry}`);
}

function shardPaths(modelJson: unknown): string[] {
  const manifest = (modelJson as { weightsManifest?: Array<{ paths?: unknown }> }).weightsManifest;
  if (!Array.isArray(manifest)) throw new Error('nsfwjs model.min.js has no weightsManifest');
  return manifest.flatMap((group) => (Array.isArray(group.paths) ? group.paths.map(String) : []));
}

function sameFile(file: string, sha256: string): boolean {
  return existsSync(file) && createHash('sha256').update(readFileSync(file)).digest('hex') === sha256;
}
