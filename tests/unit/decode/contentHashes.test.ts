import { describe, expect, it } from 'vitest';
import { contentHashes } from '../../../electron/core/media/decode';

describe('contentHashes', () => {
  it('matches the published SHA-256 and MD5 test vectors', () => {
    expect(contentHashes(Buffer.from('abc'))).toEqual({
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      md5: '900150983cd24fb0d6963f7d28e17f72',
    });
    expect(contentHashes(Buffer.alloc(0))).toEqual({
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      md5: 'd41d8cd98f00b204e9800998ecf8427e',
    });
  });

  it('hashes a slice by its own bytes, not the pool buffer behind it', () => {
    const pool = Buffer.from('xxabcxx');
    expect(contentHashes(pool.subarray(2, 5)).sha256).toBe(contentHashes(Buffer.from('abc')).sha256);
  });
});
