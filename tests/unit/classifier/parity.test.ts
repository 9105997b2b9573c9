import path from 'node:path';
import { convertNsfwjsMobileNetV2 } from '../../../models/nsfwjs/convert';
import { REPO_ROOT, SIZE } from './fixtures';
import { parityTests } from './paritySuite';

await parityTests({
  nsfwjsName: 'MobileNetV2',
  size: SIZE,
  manifest: path.join(REPO_ROOT, 'models', 'nsfw-mobilenet-v2.manifest.json'),
  convert: () => convertNsfwjsMobileNetV2(),
  pick: (fixtures) => fixtures,
  minFixtures: 20,
  endToEnd: 4,
});
