import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorBody } from '@workstation/protocol';
import { ApiError, badRequest } from '../errors';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Reads a JSON body; an empty body reads as undefined so optional bodies can default. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > MAX_BODY_BYTES) throw new ApiError(413, 'payload_too_large', `request body is over ${MAX_BODY_BYTES} bytes; send smaller batches`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('request body is not valid JSON', 'body');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(payload) });
  res.end(payload);
}

export function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, {
    error: { code: error.code, message: error.message, ...(error.field === undefined ? {} : { field: error.field }) },
  } satisfies ErrorBody);
}
