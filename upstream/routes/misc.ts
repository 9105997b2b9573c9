import { mediaParamsSchema } from '@workstation/protocol';
import { getPolicy } from '../domain/policy';
import { getMedia } from '../domain/media';
import { notFound } from '../errors';
import type { Route } from '../http/router';
import { parseOrThrow } from '../http/validate';
import { API_VERSION } from '../version';

export const healthRoute: Route = {
  method: 'GET',
  path: '/health',
  access: 'public',
  handle: async () => ({ ok: true, version: API_VERSION }),
};

export const policyRoute: Route = {
  method: 'GET',
  path: '/policy',
  access: 'signed_in',
  handle: ({ service }) => getPolicy(service.db),
};

export const mediaRoute: Route = {
  method: 'GET',
  path: '/media/{sha256}',
  access: 'signed_in',
  async handle({ service, params, req, res }) {
    const { sha256 } = parseOrThrow(mediaParamsSchema, params, 'path');
    const media = await getMedia(service.db, sha256);
    if (!media) throw notFound(`no media with sha256 ${sha256}`);
    // Content-addressed: the bytes behind a hash never change, so the hash is the ETag forever.
    const headers = { ETag: `"${sha256}"`, 'Cache-Control': 'private, max-age=31536000, immutable' };
    if (req.headers['if-none-match'] === `"${sha256}"`) {
      res.writeHead(304, headers).end();
      return undefined;
    }
    res.writeHead(200, { ...headers, 'Content-Type': media.mimeType, 'Content-Length': media.bytes.length });
    res.end(media.bytes);
    return undefined;
  },
};
