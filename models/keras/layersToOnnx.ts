import { z } from 'zod';
import { OnnxGraph } from '../onnx/graph';
import type { KerasLayer, LayersModel, WeightTensor } from './layersModel';

// Translates a channels-last Keras layers model into an ONNX graph that takes its input as NCHW and
// runs NCHW throughout (onnxruntime's fast convolution layout), folds BatchNormalization into the
// preceding convolution, and folds ZeroPadding2D into the following 'valid' convolution's pads.
// Covers the layer types of nsfwjs's MobileNetV2 and InceptionV3.

export class UnsupportedKerasModelError extends Error {
  override name = 'UnsupportedKerasModelError';
}

type Shape = { kind: 'image'; h: number; w: number; c: number } | { kind: 'vector'; n: number };

interface Padding {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** A layer's output: its ONNX tensor (NCHW for images) and, for ZeroPadding2D, the padding still to apply. */
interface Value {
  tensor: string;
  shape: Shape;
  pendingPad?: Padding;
}

const pair = z.tuple([z.number().int().positive(), z.number().int().positive()]);

const convConfig = z.object({
  kernel_size: pair,
  strides: pair,
  padding: z.enum(['same', 'valid']),
  data_format: z.literal('channels_last'),
  dilation_rate: z.tuple([z.literal(1), z.literal(1)]),
  activation: z.string(),
  use_bias: z.boolean(),
});

const batchNormConfig = z.object({
  axis: z.union([z.literal(-1), z.literal(3)]),
  epsilon: z.number().positive(),
  center: z.boolean(),
  scale: z.boolean(),
});

const zeroPaddingConfig = z.object({
  data_format: z.literal('channels_last'),
  padding: z.union([
    z.number().int().nonnegative(),
    pair,
    z.tuple([z.tuple([z.number().int(), z.number().int()]), z.tuple([z.number().int(), z.number().int()])]),
  ]),
});

const reluConfig = z.object({
  max_value: z.number().positive().nullable(),
  negative_slope: z.literal(0),
  threshold: z.literal(0),
});

const poolConfig = z.object({
  pool_size: pair,
  strides: pair,
  padding: z.enum(['same', 'valid']),
  data_format: z.literal('channels_last'),
});

const concatenateConfig = z.object({ axis: z.union([z.literal(-1), z.literal(3)]) });

const denseConfig = z.object({ units: z.number().int().positive(), activation: z.string(), use_bias: z.boolean() });

const CONV_CLASSES = new Set(['Conv2D', 'DepthwiseConv2D']);

export function layersModelToOnnx(model: LayersModel, graphName: string): OnnxGraph {
  return new Translator(model, graphName).run();
}

class Translator {
  private readonly graph: OnnxGraph;
  private readonly values = new Map<string, Value>();
  private readonly consumers = new Map<string, KerasLayer[]>();
  private readonly foldedBatchNorms = new Set<string>();

  constructor(
    private readonly model: LayersModel,
    graphName: string,
  ) {
    this.graph = new OnnxGraph(graphName);
    for (const layer of model.layers) {
      for (const source of inboundNames(layer)) {
        this.consumers.set(source, [...(this.consumers.get(source) ?? []), layer]);
      }
    }
  }

  run(): OnnxGraph {
    if (this.model.inputLayers.length !== 1 || this.model.outputLayers.length !== 1) {
      throw new UnsupportedKerasModelError('Only models with exactly one input and one output are supported');
    }
    for (const layer of this.model.layers) {
      if (!this.foldedBatchNorms.has(layer.name)) this.values.set(layer.name, this.translate(layer));
    }
    const output = this.value(this.model.outputLayers[0] ?? '');
    if (output.shape.kind !== 'vector') {
      throw new UnsupportedKerasModelError('The model output must be a vector per image (e.g. class scores)');
    }
    this.graph.addOutput({ name: output.tensor, dims: ['N', output.shape.n] });
    return this.graph;
  }

  private translate(layer: KerasLayer): Value {
    switch (layer.class_name) {
      case 'InputLayer':
        return this.input(layer);
      case 'ZeroPadding2D':
        return this.zeroPadding(layer);
      case 'Conv2D':
      case 'DepthwiseConv2D':
        return this.convolution(layer);
      case 'ReLU':
        return this.relu(layer);
      case 'Activation':
        return this.activationLayer(layer);
      case 'Add':
        return this.add(layer);
      case 'Concatenate':
        return this.concatenate(layer);
      case 'AveragePooling2D':
        return this.pool(layer, 'AveragePool');
      case 'MaxPooling2D':
        return this.pool(layer, 'MaxPool');
      case 'Flatten':
        return this.flatten(layer);
      case 'Dense':
        return this.dense(layer);
      case 'Dropout':
        // Inference-time dropout is the identity.
        return this.soleInput(layer);
      case 'BatchNormalization':
        throw new UnsupportedKerasModelError(
          `BatchNormalization ${layer.name} does not directly follow a convolution used only by it, so it cannot be folded`,
        );
      default:
        throw new UnsupportedKerasModelError(`Layer ${layer.name}: class ${layer.class_name} is not supported`);
    }
  }

  /**
   * The graph takes NCHW, the layout it runs in: a leading NHWC-to-NCHW Transpose would cost as
   * much as the preprocessing that can write NCHW directly.
   */
  private input(layer: KerasLayer): Value {
    const { batch_input_shape: shape } = configOf(layer, z.object({ batch_input_shape: z.tuple([z.null(), z.number(), z.number(), z.number()]) }));
    const [, h, w, c] = shape;
    const nchw = this.graph.addInput({ name: layer.name, dims: ['N', c, h, w] });
    return { tensor: nchw, shape: { kind: 'image', h, w, c } };
  }

  private zeroPadding(layer: KerasLayer): Value {
    const { padding } = configOf(layer, zeroPaddingConfig);
    const pad = normalisePadding(padding);
    const next = this.consumers.get(layer.name) ?? [];
    const consumer = next.length === 1 ? next[0] : undefined;
    if (!consumer || !CONV_CLASSES.has(consumer.class_name) || consumer.config['padding'] !== 'valid') {
      throw new UnsupportedKerasModelError(`ZeroPadding2D ${layer.name} must feed exactly one 'valid' convolution, into which it is folded`);
    }
    const source = this.unpadded(this.soleInput(layer));
    return { ...source, pendingPad: pad };
  }

  private convolution(layer: KerasLayer): Value {
    const config = configOf(layer, convConfig);
    const input = this.soleInput(layer);
    const inShape = this.imageShape(input.shape, layer);
    const [kh, kw] = config.kernel_size;
    const [sh, sw] = config.strides;
    const pad =
      input.pendingPad ??
      (config.padding === 'same'
        ? { ...samePadding(inShape.h, kh, sh, 'top', 'bottom'), ...samePadding(inShape.w, kw, sw, 'left', 'right') }
        : { top: 0, bottom: 0, left: 0, right: 0 });

    const depthwise = layer.class_name === 'DepthwiseConv2D';
    const kernel = this.weight(layer, depthwise ? 'depthwise_kernel' : 'kernel');
    const { weights, dims } = depthwise ? depthwiseKernelToOnnx(kernel) : convKernelToOnnx(kernel);
    const outChannels = dims[0] ?? 0;
    let bias: Float32Array = config.use_bias ? this.weight(layer, 'bias').values : new Float32Array(outChannels);

    let outputName = layer.name;
    const next = this.consumers.get(layer.name) ?? [];
    // Folding is only exact when nothing (such as an activation) sits between the convolution and the BN.
    const batchNorm = config.activation === 'linear' && next.length === 1 && next[0]?.class_name === 'BatchNormalization' ? next[0] : undefined;
    if (batchNorm) {
      bias = this.foldBatchNorm(batchNorm, weights, bias);
      outputName = batchNorm.name;
    }

    const w = this.graph.addInitializer(`${layer.name}/W`, dims, weights);
    const b = this.graph.addInitializer(`${layer.name}/B`, [outChannels], bias);
    const linear = config.activation === 'linear' ? outputName : `${outputName}/linear`;
    this.graph.addNode('Conv', [input.tensor, w, b], linear, {
      kernel_shape: [kh, kw],
      strides: [sh, sw],
      pads: [pad.top, pad.left, pad.bottom, pad.right],
      group: depthwise ? inShape.c : 1,
    });
    const shape: Shape = { kind: 'image', ...outputSize(inShape, [kh, kw], [sh, sw], pad), c: outChannels };
    const value = { tensor: this.activation(config.activation, linear, outputName, layer), shape };
    if (batchNorm) this.values.set(batchNorm.name, value);
    return value;
  }

  /** Scales the kernel in place and returns the folded bias: y = gamma * (conv + b - mean) / sqrt(var + eps) + beta. */
  private foldBatchNorm(layer: KerasLayer, weights: Float32Array, bias: Float32Array): Float32Array {
    const config = configOf(layer, batchNormConfig);
    const mean = this.weight(layer, 'moving_mean').values;
    const variance = this.weight(layer, 'moving_variance').values;
    const gamma = config.scale ? this.weight(layer, 'gamma').values : undefined;
    const beta = config.center ? this.weight(layer, 'beta').values : undefined;
    const channels = bias.length;
    if (mean.length !== channels || variance.length !== channels) {
      throw new UnsupportedKerasModelError(`BatchNormalization ${layer.name} has ${mean.length} channels, expected ${channels}`);
    }
    const perChannel = weights.length / channels;
    const folded = new Float32Array(channels);
    for (let o = 0; o < channels; o++) {
      const scale = (gamma?.[o] ?? 1) / Math.sqrt((variance[o] ?? 0) + config.epsilon);
      for (let i = o * perChannel; i < (o + 1) * perChannel; i++) weights[i] = (weights[i] ?? 0) * scale;
      folded[o] = ((bias[o] ?? 0) - (mean[o] ?? 0)) * scale + (beta?.[o] ?? 0);
    }
    this.foldedBatchNorms.add(layer.name);
    return folded;
  }

  private relu(layer: KerasLayer): Value {
    const { max_value: max } = configOf(layer, reluConfig);
    const input = this.unpadded(this.soleInput(layer));
    if (max === null) return { ...input, tensor: this.graph.addNode('Relu', [input.tensor], layer.name) };
    const lo = this.graph.addInitializer(`${layer.name}/min`, [], Float32Array.of(0));
    const hi = this.graph.addInitializer(`${layer.name}/max`, [], Float32Array.of(max));
    return { ...input, tensor: this.graph.addNode('Clip', [input.tensor, lo, hi], layer.name) };
  }

  private add(layer: KerasLayer): Value {
    const inputs = inboundNames(layer).map((name) => this.unpadded(this.value(name)));
    const [first, ...rest] = inputs;
    if (!first || rest.length === 0) throw new UnsupportedKerasModelError(`Add ${layer.name} needs at least two inputs`);
    let tensor = first.tensor;
    rest.forEach((next, i) => {
      tensor = this.graph.addNode('Add', [tensor, next.tensor], i === rest.length - 1 ? layer.name : `${layer.name}/${i}`);
    });
    return { tensor, shape: first.shape };
  }

  private activationLayer(layer: KerasLayer): Value {
    const { activation } = configOf(layer, z.object({ activation: z.string() }));
    const input = this.unpadded(this.soleInput(layer));
    return { ...input, tensor: this.activation(activation, input.tensor, layer.name, layer) };
  }

  /** Channels-last concatenation is along C, which is axis 1 of the NCHW tensors inside the graph. */
  private concatenate(layer: KerasLayer): Value {
    configOf(layer, concatenateConfig);
    const inputs = inboundNames(layer).map((name) => this.unpadded(this.value(name)));
    const shapes = inputs.map((input) => this.imageShape(input.shape, layer));
    const [first] = shapes;
    if (!first || shapes.some((s) => s.h !== first.h || s.w !== first.w)) {
      throw new UnsupportedKerasModelError(`Concatenate ${layer.name} needs image inputs of one height and width`);
    }
    const tensor = this.graph.addNode(
      'Concat',
      inputs.map((input) => input.tensor),
      layer.name,
      { axis: 1 },
    );
    return { tensor, shape: { kind: 'image', h: first.h, w: first.w, c: shapes.reduce((sum, s) => sum + s.c, 0) } };
  }

  /**
   * TensorFlow's 'same' average pooling divides by the window's pixels inside the image only,
   * which is ONNX AveragePool's default (count_include_pad = 0).
   */
  private pool(layer: KerasLayer, op: 'AveragePool' | 'MaxPool'): Value {
    const config = configOf(layer, poolConfig);
    const [kh, kw] = config.pool_size;
    const [sh, sw] = config.strides;
    const input = this.unpadded(this.soleInput(layer));
    const inShape = this.imageShape(input.shape, layer);
    const pad =
      config.padding === 'same'
        ? { ...samePadding(inShape.h, kh, sh, 'top', 'bottom'), ...samePadding(inShape.w, kw, sw, 'left', 'right') }
        : { top: 0, bottom: 0, left: 0, right: 0 };
    const tensor = this.graph.addNode(op, [input.tensor], layer.name, {
      kernel_shape: [kh, kw],
      strides: [sh, sw],
      pads: [pad.top, pad.left, pad.bottom, pad.right],
    });
    return { tensor, shape: { kind: 'image', ...outputSize(inShape, [kh, kw], [sh, sw], pad), c: inShape.c } };
  }

  private flatten(layer: KerasLayer): Value {
    configOf(layer, z.object({ data_format: z.literal('channels_last') }));
    const input = this.unpadded(this.soleInput(layer));
    const { h, w, c } = this.imageShape(input.shape, layer);
    // Keras flattens in channels-last order, so go back to NHWC before flattening.
    const nhwc = this.graph.addNode('Transpose', [input.tensor], `${layer.name}/nhwc`, { perm: [0, 2, 3, 1] });
    const tensor = this.graph.addNode('Flatten', [nhwc], layer.name, { axis: 1 });
    return { tensor, shape: { kind: 'vector', n: h * w * c } };
  }

  private dense(layer: KerasLayer): Value {
    const config = configOf(layer, denseConfig);
    const input = this.soleInput(layer);
    if (input.shape.kind !== 'vector') {
      throw new UnsupportedKerasModelError(`Dense ${layer.name} must follow a Flatten or another Dense layer`);
    }
    const kernel = this.weight(layer, 'kernel');
    if (kernel.shape[0] !== input.shape.n || kernel.shape[1] !== config.units) {
      throw new UnsupportedKerasModelError(
        `Dense ${layer.name}: kernel [${kernel.shape.join(', ')}] does not fit ${input.shape.n} -> ${config.units}`,
      );
    }
    const w = this.graph.addInitializer(`${layer.name}/W`, kernel.shape, kernel.values);
    const bias = config.use_bias ? this.weight(layer, 'bias').values : new Float32Array(config.units);
    const b = this.graph.addInitializer(`${layer.name}/B`, [config.units], bias);
    const linear = config.activation === 'linear' ? layer.name : `${layer.name}/linear`;
    this.graph.addNode('Gemm', [input.tensor, w, b], linear);
    return {
      tensor: this.activation(config.activation, linear, layer.name, layer),
      shape: { kind: 'vector', n: config.units },
    };
  }

  private activation(name: string, input: string, output: string, layer: KerasLayer): string {
    switch (name) {
      case 'linear':
        return input;
      case 'relu':
        return this.graph.addNode('Relu', [input], output);
      case 'softmax':
        return this.graph.addNode('Softmax', [input], output, { axis: -1 });
      default:
        throw new UnsupportedKerasModelError(`Layer ${layer.name}: activation '${name}' is not supported`);
    }
  }

  private weight(layer: KerasLayer, kind: string): WeightTensor {
    const name = `${layer.name}/${kind}`;
    const tensor = this.model.weights.get(name);
    if (!tensor) throw new UnsupportedKerasModelError(`Weight ${name} is missing from the weights manifest`);
    return tensor;
  }

  private soleInput(layer: KerasLayer): Value {
    const names = inboundNames(layer);
    if (names.length !== 1 || !names[0]) {
      throw new UnsupportedKerasModelError(`Layer ${layer.name} must have exactly one input, has ${names.length}`);
    }
    return this.value(names[0]);
  }

  private value(name: string): Value {
    const value = this.values.get(name);
    if (!value) throw new UnsupportedKerasModelError(`Layer ${name} is used before it is defined`);
    return value;
  }

  /** Guards every consumer other than a convolution against a padding that was never applied. */
  private unpadded(value: Value): Value {
    if (value.pendingPad) throw new UnsupportedKerasModelError(`Padded tensor ${value.tensor} reached a layer that cannot absorb padding`);
    return value;
  }

  private imageShape(shape: Shape, layer: KerasLayer): Extract<Shape, { kind: 'image' }> {
    if (shape.kind !== 'image') throw new UnsupportedKerasModelError(`Layer ${layer.name} needs an image input (NHWC)`);
    return shape;
  }
}

function inboundNames(layer: KerasLayer): string[] {
  if (layer.inbound_nodes.length > 1) {
    throw new UnsupportedKerasModelError(`Layer ${layer.name} is shared (called ${layer.inbound_nodes.length} times)`);
  }
  return (layer.inbound_nodes[0] ?? []).map((ref) => ref[0]);
}

function configOf<T extends z.ZodType>(layer: KerasLayer, schema: T): z.infer<T> {
  const parsed = schema.safeParse(layer.config);
  if (!parsed.success) {
    throw new UnsupportedKerasModelError(`${layer.class_name} ${layer.name} has an unsupported configuration: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

function normalisePadding(padding: z.infer<typeof zeroPaddingConfig>['padding']): Padding {
  if (typeof padding === 'number') return { top: padding, bottom: padding, left: padding, right: padding };
  const [rows, cols] = padding;
  if (typeof rows === 'number' && typeof cols === 'number') return { top: rows, bottom: rows, left: cols, right: cols };
  const [top, bottom] = rows as [number, number];
  const [left, right] = cols as [number, number];
  return { top, bottom, left, right };
}

/** Height and width after a window of `kernel` moved by `stride` over the padded input. */
function outputSize(
  input: { h: number; w: number },
  [kh, kw]: readonly [number, number],
  [sh, sw]: readonly [number, number],
  pad: Padding,
): { h: number; w: number } {
  return {
    h: Math.floor((input.h + pad.top + pad.bottom - kh) / sh) + 1,
    w: Math.floor((input.w + pad.left + pad.right - kw) / sw) + 1,
  };
}

/** TensorFlow's 'same': output = ceil(in / stride), with the odd pixel of padding at the end. */
function samePadding<A extends string, B extends string>(size: number, kernel: number, stride: number, before: A, after: B): Record<A | B, number> {
  const total = Math.max((Math.ceil(size / stride) - 1) * stride + kernel - size, 0);
  const lead = Math.floor(total / 2);
  return { [before]: lead, [after]: total - lead } as Record<A | B, number>;
}

/** Keras [kh, kw, in, out] -> ONNX [out, in, kh, kw]. */
function convKernelToOnnx(kernel: WeightTensor): { weights: Float32Array; dims: number[] } {
  const [kh = 0, kw = 0, cin = 0, cout = 0] = kernel.shape;
  const weights = new Float32Array(kernel.values.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++) weights[((o * cin + i) * kh + y) * kw + x] = kernel.values[((y * kw + x) * cin + i) * cout + o] ?? 0;
  return { weights, dims: [cout, cin, kh, kw] };
}

/** Keras depthwise [kh, kw, in, multiplier] -> ONNX grouped [in * multiplier, 1, kh, kw]. */
function depthwiseKernelToOnnx(kernel: WeightTensor): { weights: Float32Array; dims: number[] } {
  const [kh = 0, kw = 0, cin = 0, mult = 0] = kernel.shape;
  const weights = new Float32Array(kernel.values.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let m = 0; m < mult; m++) weights[((i * mult + m) * kh + y) * kw + x] = kernel.values[((y * kw + x) * cin + i) * mult + m] ?? 0;
  return { weights, dims: [cin * mult, 1, kh, kw] };
}
