import { readFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';

/**
 * The renderer's one stylesheet stays well-formed. A merge once dropped two closing braces: the
 * browser read every rule after them as nested under the unclosed ones, so none applied (the
 * wellness screens lost their layout, the audit workspace its styles), and no build step said so.
 */
const stylesheet = path.resolve(import.meta.dirname, '../../../renderer/styles.css');

describe('styles.css', () => {
  it('parses: every block it opens is closed', async () => {
    await expect(format(readFileSync(stylesheet, 'utf8'), { parser: 'css' })).resolves.toEqual(expect.any(String));
  });

  it('the check fails on a block left open', async () => {
    await expect(format('.a {\n  margin: 0;\n.b {\n  margin: 0;\n}\n', { parser: 'css' })).rejects.toThrow(/Unclosed block/);
  });
});
