import { endianness } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import type { IntAttribute, OnnxDim, OnnxGraph, OnnxValueInfo } from './graph';

const PROTO_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'onnx-subset.proto');

// Opset 13 gives Clip min/max as inputs and Softmax over one axis, which is what the converters emit.
// IR version 7 is the one that introduced opset 13.
const IR_VERSION = 7;
export const OPSET_VERSION = 13;

const FLOAT = 1;
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;

export interface ModelMetadata {
  producerName: string;
  producerVersion: string;
  docString: string;
}

export function encodeModel(graph: OnnxGraph, metadata: ModelMetadata): Uint8Array {
  if (endianness() !== 'LE') {
    throw new Error('ONNX raw_data is little-endian; writing models on a big-endian host is not supported');
  }
  const ModelProto = protobuf.loadSync(PROTO_PATH).lookupType('onnx.ModelProto');
  const model = {
    irVersion: IR_VERSION,
    producerName: metadata.producerName,
    producerVersion: metadata.producerVersion,
    docString: metadata.docString,
    opsetImport: [{ domain: '', version: OPSET_VERSION }],
    graph: {
      name: graph.name,
      input: graph.inputs.map(valueInfo),
      output: graph.outputs.map(valueInfo),
      initializer: graph.initializers.map((init) => ({
        name: init.name,
        dims: [...init.dims],
        dataType: FLOAT,
        rawData: new Uint8Array(init.values.buffer, init.values.byteOffset, init.values.byteLength),
      })),
      node: graph.nodes.map((node) => ({
        name: node.name,
        opType: node.opType,
        input: [...node.inputs],
        output: [...node.outputs],
        attribute: Object.entries(node.attributes).map(([name, value]) => attribute(name, value)),
      })),
    },
  };
  const problem = ModelProto.verify(model);
  if (problem) throw new Error(`ONNX model does not fit the schema: ${problem}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

function attribute(name: string, value: IntAttribute) {
  const values = typeof value === 'number' ? [value] : value;
  for (const v of values) {
    if (!Number.isInteger(v)) throw new Error(`Attribute ${name} must hold integers, got ${v}`);
  }
  return typeof value === 'number' ? { name, type: ATTRIBUTE_INT, i: value } : { name, type: ATTRIBUTE_INTS, ints: [...value] };
}

function valueInfo(info: OnnxValueInfo) {
  return {
    name: info.name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: info.dims.map(dimension) } } },
  };
}

function dimension(dim: OnnxDim) {
  return typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim };
}
