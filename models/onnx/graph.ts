// An in-memory ONNX graph that converters fill node by node; encodeModel.ts turns it into bytes.

export type IntAttribute = number | readonly number[];

export interface OnnxNode {
  opType: string;
  name: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes: Readonly<Record<string, IntAttribute>>;
}

export interface OnnxInitializer {
  name: string;
  dims: readonly number[];
  values: Float32Array;
}

/** A dimension is a fixed size or a symbolic name such as 'N' for a dynamic batch. */
export type OnnxDim = number | string;

export interface OnnxValueInfo {
  name: string;
  dims: readonly OnnxDim[];
}

export class OnnxGraph {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxInitializer[] = [];
  readonly inputs: OnnxValueInfo[] = [];
  readonly outputs: OnnxValueInfo[] = [];
  private readonly names = new Set<string>();

  constructor(readonly name: string) {}

  addInput(info: OnnxValueInfo): string {
    this.claim(info.name);
    this.inputs.push(info);
    return info.name;
  }

  addOutput(info: OnnxValueInfo): void {
    this.outputs.push(info);
  }

  addInitializer(name: string, dims: readonly number[], values: Float32Array): string {
    const expected = dims.reduce((a, b) => a * b, 1);
    if (values.length !== expected) {
      throw new Error(`Initializer ${name}: ${values.length} values do not fill dims [${dims.join(', ')}]`);
    }
    this.claim(name);
    this.initializers.push({ name, dims, values });
    return name;
  }

  /** Adds a single-output node and returns the name of its output tensor. */
  addNode(opType: string, inputs: readonly string[], output: string, attributes: Readonly<Record<string, IntAttribute>> = {}): string {
    this.claim(output);
    this.nodes.push({ opType, name: `${output}/${opType}`, inputs, outputs: [output], attributes });
    return output;
  }

  private claim(name: string): void {
    // Two producers of one tensor name make an invalid graph that onnxruntime reports far from the cause.
    if (this.names.has(name)) throw new Error(`Tensor name ${name} is produced twice in graph ${this.name}`);
    this.names.add(name);
  }
}
