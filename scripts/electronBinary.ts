import { createRequire } from 'node:module';

/**
 * Where Electron's binary is, or why it is not there. The npm package only holds a launcher;
 * the binary comes from Electron's CDN at install time, which some machines cannot reach.
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  const require = createRequire(import.meta.url);
  try {
    return { path: require('electron') as string };
  } catch (error) {
    return { missing: (error as Error).message.split('\n')[0] ?? 'the electron package is not installed' };
  }
}
