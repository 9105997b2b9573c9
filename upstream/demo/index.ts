export { generateDemoData, DemoOptionsError, DEFAULT_DEMO_SEED, DEFAULT_DEMO_SIZE, MIN_DEMO_SIZE, MAX_DEMO_SIZE } from './generate';
export { writeDemoData, type WrittenDemo } from './write';
export { DEMO_TAGS, type DemoData, type DemoMedia, type DemoMediaFile, type DemoOptions } from './types';
