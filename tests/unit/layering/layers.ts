/**
 * The one table of who may import whom, after VS Code's code-layering and code-import-patterns
 * rules: every source file belongs to exactly one layer, an import is allowed only along an edge
 * listed here, and a file no layer covers is itself an error. Deny by default.
 */

/** Core's domain services: each a folder under electron/core with index.ts as its public face. */
export const CORE_SERVICES = [
  'store',
  'platform',
  'signals',
  'media',
  'sync',
  'auth',
  'review',
  'reveal',
  'exposure',
  'wellness',
  'enforcement',
  'escalation',
  'retention',
  'vault',
  'audit',
  'orchestration',
] as const;
type CoreService = (typeof CORE_SERVICES)[number];
type ServiceLayer = `core/${CoreService}`;

export type LayerName =
  | 'renderer'
  | 'api'
  | 'protocol'
  | 'preload'
  | 'main'
  | 'web'
  | 'core'
  | ServiceLayer
  | 'upstream'
  | 'resources'
  | 'models'
  | 'scripts'
  | 'tests'
  | 'config';

export interface Layer {
  name: LayerName;
  /** Repo-relative folders (or single files) the layer owns; the longest match wins. */
  paths: readonly string[];
  /** Layers its files may import; '*' for tooling that may reach anything. */
  mayImport: readonly LayerName[] | '*';
  /** External packages the layer may import, when it must stay lean (the protocol is shared by both sides). */
  packages?: readonly string[];
  /**
   * Files of the layer that other layers may import directly. Default: the folder's index.ts
   * alone, for core services; every file, for the other layers.
   */
  faces?: readonly string[];
}

const service = (name: CoreService, mayImport: readonly LayerName[], faces?: readonly string[]): Layer => ({
  name: `core/${name}`,
  paths: [`electron/core/${name}`],
  mayImport: ['api', 'protocol', ...mayImport],
  faces: faces ?? [`electron/core/${name}/index.ts`],
});

export const LAYERS: readonly Layer[] = [
  { name: 'protocol', paths: ['protocol'], mayImport: [], packages: ['zod', 'node:crypto'] },
  { name: 'api', paths: ['electron/api'], mayImport: ['protocol'] },
  { name: 'renderer', paths: ['renderer'], mayImport: ['api'] },
  { name: 'preload', paths: ['electron/preload'], mayImport: ['api'] },
  { name: 'web', paths: ['electron/web'], mayImport: ['api', 'core', 'core/platform'] },
  { name: 'main', paths: ['electron/main'], mayImport: ['api', 'core', 'core/platform', 'web'] },
  {
    name: 'core',
    paths: ['electron/core/index.ts'],
    mayImport: ['api', 'protocol', ...CORE_SERVICES.map((s): ServiceLayer => `core/${s}`)],
  },
  service('store', []),
  // Each host picks its implementation by importing it, as Actual's loot-core does.
  service(
    'platform',
    [],
    [
      'electron/core/platform/index.ts',
      'electron/core/platform/node.ts',
      'electron/core/platform/testing.ts',
      'electron/core/platform/fileKeychain.ts',
      'electron/core/platform/videoTools.ts',
    ],
  ),
  service('media', []),
  // The bundled lexicons and grooming patterns are data the signals service reads at start.
  service('signals', ['core/media', 'resources']),
  service('sync', ['core/store', 'core/signals']),
  service('auth', ['core/store', 'core/sync', 'core/platform']),
  service('review', ['core/store', 'core/sync', 'core/signals']),
  service('reveal', ['core/store', 'core/signals', 'core/review']),
  service('exposure', ['core/store']),
  service('wellness', ['core/store', 'core/exposure']),
  service('enforcement', ['core/store', 'core/sync', 'core/review']),
  service('escalation', ['core/store', 'core/sync', 'core/signals', 'core/review', 'core/enforcement']),
  service('retention', ['core/store']),
  service('vault', ['core/store', 'core/platform']),
  service('audit', ['core/store', 'core/sync', 'core/platform']),
  service('orchestration', [
    'core/store',
    'core/sync',
    'core/signals',
    'core/media',
    'core/auth',
    'core/review',
    'core/reveal',
    'core/exposure',
    'core/wellness',
    'core/enforcement',
    'core/escalation',
    'core/audit',
    'core/platform',
  ]),
  { name: 'upstream', paths: ['upstream'], mayImport: ['protocol'] },
  { name: 'resources', paths: ['resources'], mayImport: [] },
  { name: 'models', paths: ['models'], mayImport: [] },
  { name: 'scripts', paths: ['scripts'], mayImport: '*' },
  { name: 'tests', paths: ['tests'], mayImport: '*' },
  {
    name: 'config',
    paths: ['electron.vite.config.ts', 'vite.renderer.config.ts', 'vitest.config.ts', 'eslint.config.js'],
    mayImport: '*',
  },
];

/** Workspace packages are imported by name; they resolve to their folder's layer. */
export const WORKSPACE_PACKAGES: Readonly<Record<string, string>> = {
  '@workstation/protocol': 'protocol/index.ts',
  '@workstation/protocol/checksums': 'protocol/checksums.ts',
  '@workstation/upstream': 'upstream/index.ts',
};
