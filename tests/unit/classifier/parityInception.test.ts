import path from 'node:path';
import { convertNsfwjsInceptionV3 } from '../../../models/nsfwjs/convert';
import { REPO_ROOT } from './fixtures';
import { parityTests } from './paritySuite';

// InceptionV3 costs TensorFlow.js' CPU backend about 17 s an image here, so it is compared on a
// spread of eight fixtures (patterns, skin tones, noise, photos) and two end-to-end images.
const PICKED = [
  'gradient-radial-skin',
  'checkerboard',
  'ellipses-skin-tones',
  'noise-uniform',
  'noise-blurred',
  'q0003.jpg',
  'q0746.jpg',
  'pen-and-coaster.png',
];

await parityTests({
  nsfwjsName: 'InceptionV3',
  size: 299,
  manifest: path.join(REPO_ROOT, 'models', 'nsfw-inception-v3.manifest.json'),
  convert: () => convertNsfwjsInceptionV3(),
  pick: (fixtures) => fixtures.filter((f) => PICKED.includes(f.name)),
  minFixtures: PICKED.length,
  endToEnd: 2,
});
