import path from 'node:path';
import { convertNsfwjsMobileNetV2 } from './nsfwjs/convert';

// Builds every .onnx file that a manifest in models/ points at. Runs at install time: offline, in seconds.
const started = performance.now();
for (const build of [convertNsfwjsMobileNetV2]) {
  const result = build();
  console.log(
    `models: ${result.written ? 'wrote' : 'unchanged'} ${path.relative(process.cwd(), result.path)} ` +
      `(${(result.bytes / 1e6).toFixed(1)} MB, ${result.nodes} nodes, sha256 ${result.sha256.slice(0, 16)}) from ${result.source}`,
  );
}
console.log(`models: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
