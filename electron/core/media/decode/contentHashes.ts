import { createHash } from 'node:crypto';

export interface ContentHashes {
  sha256: string;
  md5: string;
}

/** Lower-case hex digests of the exact bytes: SHA-256 addresses media, MD5 is what hash banks and NCMEC reports still ask for. */
export function contentHashes(bytes: Buffer): ContentHashes {
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    md5: createHash('md5').update(bytes).digest('hex'),
  };
}
