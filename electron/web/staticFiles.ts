import { readFile } from 'node:fs/promises';
import path from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Reads a built renderer file, refusing anything outside the folder or undecodable; unknown paths get index.html. */
export async function readStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  // No file name holds a NUL; fs would throw on it and turn a bad request into a server error.
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  if (!file.startsWith(path.resolve(root) + path.sep)) return null;
  try {
    return { body: await readFile(file), type: types[path.extname(file)] ?? 'application/octet-stream' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A folder (EISDIR) or a path through a file (ENOTDIR) is as absent as a missing file.
    if (code === 'EISDIR' || code === 'ENOTDIR') return null;
    if (code !== 'ENOENT') throw error;
    if (path.extname(relative) !== '') return null;
    return { body: await readFile(path.join(root, 'index.html')), type: types['.html']! };
  }
}
