import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_UPSTREAM, resolveAutoUpdate, resolveUpstreamUrl } from '../../../electron/main/environment';
import { moduleSpecifiers } from '../layering/rules';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const mainPath = 'electron/main/index.ts';
const main = { path: mainPath, text: readFileSync(path.join(repoRoot, mainPath), 'utf8') };

describe('the upstream the desktop app syncs with', () => {
  it('is refused with one sentence saying how to set it when UPSTREAM_URL is missing or blank', () => {
    for (const env of [{}, { UPSTREAM_URL: '' }, { UPSTREAM_URL: '   ' }]) expect(resolveUpstreamUrl(env)).toEqual({ refusal: NO_UPSTREAM });
    expect(NO_UPSTREAM).toBe(
      "No upstream is configured: set UPSTREAM_URL to the address of your organisation's review service (npm start sets it to the reference upstream).",
    );
    expect(NO_UPSTREAM.match(/[.!?](\s|$)/g)).toHaveLength(1);
  });

  it('is refused, naming the value, when UPSTREAM_URL is not an http or https address', () => {
    for (const value of ['localhost:4010', 'ftp://reviews.example', 'not a url']) {
      const resolved = resolveUpstreamUrl({ UPSTREAM_URL: value });
      expect('refusal' in resolved && resolved.refusal).toContain(`"${value}"`);
    }
  });

  it('is the address UPSTREAM_URL gives, trimmed', () => {
    expect(resolveUpstreamUrl({ UPSTREAM_URL: 'http://127.0.0.1:4010' })).toEqual({ url: 'http://127.0.0.1:4010' });
    expect(resolveUpstreamUrl({ UPSTREAM_URL: ' https://reviews.example.org/api \n' })).toEqual({ url: 'https://reviews.example.org/api' });
  });

  it('is what electron/main/index.ts boots with: it resolves it from the environment, quits on a refusal, and starts no upstream', () => {
    expect(moduleSpecifiers(main)).toContain('./environment');
    expect(main.text).toMatch(/resolveUpstreamUrl\(process\.env\)/);
    const refusalBranch = /if \('refusal' in (\w+)\) \{([\s\S]*?)\n {2}\}/.exec(main.text);
    expect(refusalBranch?.[2]).toMatch(/dialog\.showErrorBox\(/);
    expect(refusalBranch?.[2]).toMatch(/process\.stderr\.write\(/);
    expect(refusalBranch?.[2]).toMatch(/app\.(exit|quit)\(/);
    expect(refusalBranch?.[2]).toMatch(/return;/);
    expect(main.text).toMatch(new RegExp(`upstreamUrl: ${refusalBranch?.[1]}\\.url`));
    expect(moduleSpecifiers(main).filter((s) => s.includes('upstream'))).toEqual([]);
  });
});

describe('auto-update', () => {
  it('is off by default, and off with a reason when the feed is not https', () => {
    expect(resolveAutoUpdate({})).toMatchObject({ enabled: false, reason: expect.stringMatching(/Auto-update is off/) });
    expect(resolveAutoUpdate({ WORKSTATION_UPDATE_FEED: 'https://updates.example.org/' })).toMatchObject({ enabled: false });
    for (const feed of ['', 'http://updates.example.org/', 'not a url']) {
      const setting = resolveAutoUpdate({ WORKSTATION_AUTO_UPDATE: 'on', WORKSTATION_UPDATE_FEED: feed });
      expect(setting).toMatchObject({ enabled: false, reason: expect.stringContaining(`"${feed}"`) });
    }
  });

  it('checks the named https feed only when the deployer turns it on, and only in the packaged app', () => {
    expect(resolveAutoUpdate({ WORKSTATION_AUTO_UPDATE: 'on', WORKSTATION_UPDATE_FEED: ' https://updates.example.org/ws ' })).toEqual({
      enabled: true,
      feed: 'https://updates.example.org/ws',
    });
    expect(main.text).toMatch(/if \(app\.isPackaged\) startAutoUpdate\(resolveAutoUpdate\(process\.env\), log\);/);
  });
});
