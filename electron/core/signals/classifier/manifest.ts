import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ManifestInvalidError } from './errors';

const labelSchema = z.object({
  name: z.string().min(1),
  /** The probability at or above which this label flags an item. */
  threshold: z.number().min(0).max(1),
  /** Policy category this label maps to; 'none' labels are reported but never flag. */
  category: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case policy category such as adult_nudity, or none'),
});

const probability = z.number().min(0).max(1);

/**
 * When a model runs only as the second stage of a cascade: on an image where `model` (another
 * manifest's id) gave at least one of these labels a probability inside its [low, high] band,
 * the band in which the fast model is unsure. Without it a model runs on every image.
 */
const runsWhenSchema = z.object({
  model: z.string().min(1),
  uncertain: z
    .record(z.string().min(1), z.tuple([probability, probability]))
    .refine((bands) => Object.keys(bands).length > 0, 'name at least one label with its [low, high] band')
    .refine((bands) => Object.values(bands).every(([low, high]) => low <= high), 'each band is [low, high] with low <= high'),
});

export type RunsWhen = z.infer<typeof runsWhenSchema>;

export const classifierManifestSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lowercase kebab-case id'),
  name: z.string().min(1),
  /** The .onnx file, relative to the manifest's folder. */
  file: z.string().min(1),
  input: z.object({
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    channels: z.literal(3),
    layout: z.enum(['NHWC', 'NCHW']),
    /** Each RGB value v in 0..255 is fed as (v * scale - mean[c]) / std[c]. */
    normalisation: z.object({
      scale: z.number().positive(),
      mean: z.tuple([z.number(), z.number(), z.number()]),
      std: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]),
    }),
  }),
  /** How images are brought to width x height: bilinear with align_corners, as tf.image.resizeBilinear(..., true). */
  resize: z.literal('bilinear-align-corners'),
  /** In the order of the model's output vector. */
  labels: z
    .array(labelSchema)
    .min(2)
    .refine((labels) => new Set(labels.map((l) => l.name)).size === labels.length, 'label names must be unique'),
  /**
   * Omitted for a model that runs on every image. A model that ran after another gives the score
   * the policy reads for every label both declare: it runs because the first was unsure.
   */
  runsWhen: runsWhenSchema.optional(),
  license: z.string().min(1),
  source: z.string().min(1),
});

export type ClassifierManifest = z.infer<typeof classifierManifestSchema>;

/** A manifest read and checked against its schema, with the absolute path of the .onnx file it names. */
export interface LoadedManifest {
  manifestPath: string;
  manifest: ClassifierManifest;
  modelPath: string;
}

export function readManifest(manifestPath: string): LoadedManifest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new ManifestInvalidError(manifestPath, `cannot read it as JSON (${String(error)})`, { cause: error });
  }
  const parsed = classifierManifestSchema.safeParse(json);
  if (!parsed.success) throw new ManifestInvalidError(manifestPath, z.prettifyError(parsed.error));
  return { manifestPath, manifest: parsed.data, modelPath: path.resolve(path.dirname(manifestPath), parsed.data.file) };
}
