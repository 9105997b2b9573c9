import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';

/** How much of a tool's stderr is kept for the log: the end, where the error is. */
const STDERR_TAIL = 8 * 1024;
const SHELL = '/bin/sh';

export interface ToolLimits {
  timeoutMs: number;
  /** Address space of the process where the OS can cap it (POSIX); null leaves it uncapped. */
  memoryBytes: number | null;
}

export interface ToolExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stderr: string;
}

export interface RunningTool {
  readonly stdout: Readable;
  /** Settles when the process has exited, never rejects; a spawn failure is exit code null with its message as stderr. */
  readonly exit: Promise<ToolExit>;
  /** Ends the process now (SIGKILL); safe to call after it has exited. */
  kill(): void;
}

/**
 * Starts ffmpeg or ffprobe on untrusted input with a hard wall-clock limit (SIGKILL, which no
 * decoder loop can ignore) and, on POSIX, an address-space cap set by the shell's ulimit before
 * it execs the tool, so the pid killed is the tool's own. stdin is closed: nothing can ask a question.
 */
export function startTool(binary: string, args: readonly string[], limits: ToolLimits): RunningTool {
  const capped = limits.memoryBytes !== null && process.platform !== 'win32' && existsSync(SHELL);
  const child: ChildProcessByStdio<null, Readable, Readable> = capped
    ? spawn(SHELL, ['-c', 'ulimit -v "$0" && exec "$@"', String(Math.ceil(limits.memoryBytes! / 1024)), binary, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(binary, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });
  let timedOut = false;
  let exited = false;
  const kill = () => {
    if (!exited) child.kill('SIGKILL');
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, limits.timeoutMs);
  const exit = new Promise<ToolExit>((resolve) => {
    child.once('error', (error) => {
      exited = true;
      clearTimeout(timer);
      resolve({ code: null, signal: null, timedOut, stderr: `${binary} could not be started: ${error.message}` });
    });
    child.once('close', (code, signal) => {
      exited = true;
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stderr });
    });
  });
  return { stdout: child.stdout, exit, kill };
}

/** Runs a tool to the end and returns its whole stdout, up to maxStdoutBytes (the tool is killed beyond). */
export async function runTool(
  binary: string,
  args: readonly string[],
  limits: ToolLimits,
  maxStdoutBytes: number,
): Promise<ToolExit & { stdout: string; overflow: boolean }> {
  const tool = startTool(binary, args, limits);
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  tool.stdout.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxStdoutBytes) {
      overflow = true;
      tool.kill();
      return;
    }
    chunks.push(chunk);
  });
  const exit = await tool.exit;
  return { ...exit, stdout: Buffer.concat(chunks).toString('utf8'), overflow };
}
