/**
 * The browser-mode WorkstationApi: calls over HTTP POST, previews over an authenticated GET turned
 * into blob: URLs, events over a WebSocket that reconnects with backoff. Outputs are checked
 * against the contract, so a host that drifts from it fails loudly here instead of deep in the UI.
 */
import {
  ApiError,
  eventSchema,
  httpStatusOf,
  previewPath,
  type ApiErrorBody,
  type CallInput,
  type CallName,
  type CallOutput,
  type PreviewRequest,
  type WorkstationApi,
  type WorkstationEvent,
} from '../../electron/api';
import { eventSocketBackoff, reconnectDelayMs, type BackoffPolicy } from './backoff';
import { checkedOutput, isErrorBody } from './replies';

export interface EventSocket {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  close(): void;
}

export interface WebClientOptions {
  /** Where the host serves the page and the API, e.g. http://127.0.0.1:5710 */
  origin: string;
  token: string;
  fetch?: typeof fetch;
  openSocket?: (url: string) => EventSocket;
  blobUrls?: { create(blob: Blob): string; revoke(url: string): void };
  backoff?: BackoffPolicy;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export const hostUnreachableMessage =
  'The workstation host is not reachable. Check that the workstation app is still running on this computer, then try again.';

export function createWebClient(options: WebClientOptions): WorkstationApi {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const auth = { Authorization: `Bearer ${options.token}` };
  const blobUrls = options.blobUrls ?? {
    create: (blob: Blob) => URL.createObjectURL(blob),
    revoke: (url: string) => URL.revokeObjectURL(url),
  };

  async function request(url: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await doFetch(url, init);
    } catch {
      throw new ApiError('upstream_unavailable', hostUnreachableMessage);
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const response = await request(`${options.origin}/api/${name}`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return checkedOutput(name, await response.json().catch(() => undefined));
  }

  async function previewUrl(preview: PreviewRequest): Promise<string> {
    const response = await request(`${options.origin}/preview/${previewPath(preview)}`, { method: 'GET', headers: auth });
    return blobUrls.create(await response.blob());
  }

  function releasePreviewUrl(url: string): void {
    if (url.startsWith('blob:')) blobUrls.revoke(url);
  }

  const events = createEventStream(options, (emit) => {
    emit({ type: 'queue.changed' });
    // A failed refresh is not worth an error: the next sync.status event corrects the pill.
    void call('sync.status', {}).then(
      (status) => emit({ type: 'sync.status', status }),
      () => undefined,
    );
  });

  return { call, subscribe: events.subscribe, previewUrl, releasePreviewUrl };
}

const codeByStatus: Readonly<Record<number, ApiErrorBody['code']>> = Object.fromEntries(
  Object.entries(httpStatusOf).map(([code, status]) => [status, code as ApiErrorBody['code']]),
);

async function errorFromResponse(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (isErrorBody(error)) return ApiError.fromBody(error);
  const code = codeByStatus[response.status] ?? 'internal';
  return new ApiError(
    code,
    `The workstation host answered HTTP ${response.status} without an explanation. Restart the app; if it persists, report it with this message.`,
  );
}

/**
 * One socket shared by all listeners, opened with the first and closed with the last. Events are
 * hints to re-read state through calls, so a message that is not a valid event is dropped, and
 * after a reconnect (events may have been missed) onReconnect lets the client catch listeners up.
 */
function createEventStream(options: WebClientOptions, onReconnect: (emit: (event: WorkstationEvent) => void) => void) {
  const listeners = new Set<(event: WorkstationEvent) => void>();
  const backoff = options.backoff ?? eventSocketBackoff;
  const random = options.random ?? Math.random;
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const openSocket = options.openSocket ?? ((url: string) => new WebSocket(url) as unknown as EventSocket);
  const url = `${options.origin.replace(/^http/, 'ws')}/events?token=${encodeURIComponent(options.token)}`;

  let socket: EventSocket | null = null;
  let timer: unknown = null;
  let failures = 0;
  let everOpened = false;

  const emit = (event: WorkstationEvent) => {
    for (const listener of [...listeners]) listener(event);
  };

  function connect(): void {
    timer = null;
    const current = openSocket(url);
    socket = current;
    current.onopen = () => {
      failures = 0;
      if (everOpened) onReconnect(emit);
      everOpened = true;
    };
    current.onmessage = (message) => {
      if (typeof message.data !== 'string') return;
      let json: unknown;
      try {
        json = JSON.parse(message.data);
      } catch {
        return;
      }
      const parsed = eventSchema.safeParse(json);
      if (parsed.success) emit(parsed.data);
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      if (listeners.size === 0) return;
      timer = setTimer(connect, reconnectDelayMs(failures, backoff, random));
      failures += 1;
    };
  }

  function disconnect(): void {
    if (timer !== null) clearTimer(timer);
    timer = null;
    const current = socket;
    socket = null;
    current?.close();
    failures = 0;
    everOpened = false;
  }

  function subscribe(listener: (event: WorkstationEvent) => void): () => void {
    listeners.add(listener);
    if (socket === null && timer === null) connect();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) disconnect();
    };
  }

  return { subscribe };
}
