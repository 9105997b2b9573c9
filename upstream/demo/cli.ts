import path from 'node:path';
import { CliArgumentError, parseFlags, parseIntegerFlag } from './cliArgs';
import { DEFAULT_DEMO_SEED, DEFAULT_DEMO_SIZE, DemoOptionsError, generateDemoData } from './generate';
import { writeDemoData } from './write';

const USAGE = 'usage: npm run demo:generate -- --out <dir> [--seed 1] [--size 200]';

async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv, { seed: { type: 'string' }, size: { type: 'string' }, out: { type: 'string' } });
  if (!flags.out) throw new CliArgumentError('--out <dir> is required');
  const seed = parseIntegerFlag('seed', flags.seed, DEFAULT_DEMO_SEED);
  const size = parseIntegerFlag('size', flags.size, DEFAULT_DEMO_SIZE);
  const started = performance.now();
  const data = await generateDemoData({ seed, size });
  const written = await writeDemoData(data, path.resolve(flags.out));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `wrote ${data.items.length} items to ${written.itemsFile} and ${written.mediaFiles} media files to ${written.mediaDir} in ${seconds} s`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliArgumentError || error instanceof DemoOptionsError) {
    console.error(`error: ${error.message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  console.error(error);
  process.exitCode = 1;
});
