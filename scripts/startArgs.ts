export interface StartArgs {
  web: boolean;
  port: number | undefined;
  dataDir: string | undefined;
  upstreamUrl: string | undefined;
}

class StartArgsError extends Error {}

const usage = 'usage: npm start -- [--web] [--port N] [--data-dir DIR] [--upstream-url URL]';

/** Flags win over environment variables (WORKSTATION_PORT, WORKSTATION_DATA_DIR, UPSTREAM_URL). */
export function parseStartArgs(argv: readonly string[], env: NodeJS.ProcessEnv): StartArgs {
  const out: StartArgs = {
    web: false,
    port: env.WORKSTATION_PORT ? Number(env.WORKSTATION_PORT) : undefined,
    dataDir: env.WORKSTATION_DATA_DIR || undefined,
    upstreamUrl: env.UPSTREAM_URL || undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new StartArgsError(`${flag} needs a value; ${usage}`);
      return v;
    };
    if (flag === '--web') out.web = true;
    else if (flag === '--port') out.port = Number(value());
    else if (flag === '--data-dir') out.dataDir = value();
    else if (flag === '--upstream-url') out.upstreamUrl = value();
    else throw new StartArgsError(`Unknown option ${flag}; ${usage}`);
  }
  if (out.port !== undefined && !(Number.isInteger(out.port) && out.port >= 0 && out.port < 65536)) {
    throw new StartArgsError(`The port must be a whole number from 0 to 65535; ${usage}`);
  }
  if (out.upstreamUrl !== undefined && !/^https?:\/\//.test(out.upstreamUrl)) {
    throw new StartArgsError(`The upstream URL must start with http:// or https://; ${usage}`);
  }
  return out;
}
