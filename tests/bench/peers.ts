import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * The folder of Meta's reference PDQ tools (../shared/peers/pdq-cpp beside the checkout, README
 * there), or null with the reason when it is missing: a plain clone does not have it. A git
 * worktree looks beside its main checkout too; WORKSTATION_PEERS names another place.
 */
export function pdqCppPeer(): { dir: string } | { missing: string } {
  const candidates = [process.env.WORKSTATION_PEERS, path.join(repoRoot, '..', 'shared', 'peers')];
  const common = spawnSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: repoRoot, encoding: 'utf8' });
  if (common.status === 0) candidates.push(path.join(path.dirname(path.dirname(common.stdout.trim())), 'shared', 'peers'));
  for (const peers of candidates) {
    if (peers && existsSync(path.join(peers, 'pdq-cpp', 'bin'))) return { dir: path.join(peers, 'pdq-cpp') };
  }
  return { missing: `no pdq-cpp/bin in ${candidates.filter(Boolean).join(' or ')}` };
}
