import { z } from 'zod';

// The parts of a TensorFlow.js layers-model model.json (Keras topology + weights manifest) that we convert.

const inboundRef = z.tuple([z.string(), z.number(), z.number()]).rest(z.unknown());

const kerasLayerSchema = z.object({
  name: z.string(),
  class_name: z.string(),
  config: z.record(z.string(), z.unknown()),
  inbound_nodes: z.array(z.array(inboundRef)),
});

const weightSpecSchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  dtype: z.literal('float32'),
  quantization: z.object({ min: z.number(), scale: z.number(), dtype: z.enum(['uint8', 'uint16']) }).optional(),
});

const modelJsonSchema = z.object({
  modelTopology: z.object({
    model_config: z.object({
      class_name: z.literal('Model'),
      config: z.object({
        layers: z.array(kerasLayerSchema),
        input_layers: z.array(inboundRef),
        output_layers: z.array(inboundRef),
      }),
    }),
  }),
  weightsManifest: z.array(z.object({ paths: z.array(z.string()), weights: z.array(weightSpecSchema) })),
});

export type KerasLayer = z.infer<typeof kerasLayerSchema>;
type WeightSpec = z.infer<typeof weightSpecSchema>;

export interface WeightTensor {
  shape: readonly number[];
  values: Float32Array;
}

export interface LayersModel {
  layers: readonly KerasLayer[];
  inputLayers: readonly string[];
  outputLayers: readonly string[];
  weights: ReadonlyMap<string, WeightTensor>;
}

/**
 * Parses model.json and dequantises its weights.
 * @param shardBytes shard contents keyed by the path named in weightsManifest
 */
export function readLayersModel(modelJson: unknown, shardBytes: ReadonlyMap<string, Uint8Array>): LayersModel {
  const parsed = modelJsonSchema.safeParse(modelJson);
  if (!parsed.success) {
    throw new Error(`model.json is not a TensorFlow.js Keras layers model: ${z.prettifyError(parsed.error)}`);
  }
  const { config } = parsed.data.modelTopology.model_config;
  const weights = new Map<string, WeightTensor>();
  for (const group of parsed.data.weightsManifest) {
    // A group's weights lie back to back across its shards, in manifest order.
    const bytes = Buffer.concat(
      group.paths.map((p) => {
        const shard = shardBytes.get(p);
        if (!shard) throw new Error(`Weight shard ${p} named in model.json was not provided`);
        return shard;
      }),
    );
    let offset = 0;
    for (const spec of group.weights) {
      const { values, byteLength } = decodeWeight(spec, bytes, offset);
      weights.set(spec.name, { shape: spec.shape, values });
      offset += byteLength;
    }
    if (offset !== bytes.length) {
      throw new Error(`Weight group ${group.paths.join(', ')} holds ${bytes.length} bytes but its specs use ${offset}`);
    }
  }
  return {
    layers: config.layers,
    inputLayers: config.input_layers.map((ref) => ref[0]),
    outputLayers: config.output_layers.map((ref) => ref[0]),
    weights,
  };
}

function decodeWeight(spec: WeightSpec, bytes: Buffer, offset: number): { values: Float32Array; byteLength: number } {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  const q = spec.quantization;
  const bytesPerValue = q ? (q.dtype === 'uint8' ? 1 : 2) : 4;
  const byteLength = count * bytesPerValue;
  if (offset + byteLength > bytes.length) {
    throw new Error(`Weight ${spec.name} runs past the end of its shards (${offset + byteLength} > ${bytes.length})`);
  }
  const values = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, byteLength);
  for (let i = 0; i < count; i++) {
    // Same expression and order as TensorFlow.js (v * scale + min), so dequantised floats are bit-identical.
    if (!q) values[i] = view.getFloat32(i * 4, true);
    else if (q.dtype === 'uint8') values[i] = view.getUint8(i) * q.scale + q.min;
    else values[i] = view.getUint16(i * 2, true) * q.scale + q.min;
  }
  return { values, byteLength };
}
