// How the authorization code comes back. The loopback receiver listens on 127.0.0.1, port 0, accepts exactly
// one callback with the right `state` (400 for anything else), redirects the browser to a small done page so
// the code does not linger in its history, times out, and always closes. The VS Code layer can map the local
// URI (asExternalUri) or use a registered https redirect with a paste-the-code fallback instead.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CancelledError, TimeoutError } from '../errors';

export interface RedirectStrategy {
  /** The redirect_uri to send; registered with the provider, or loopback. */
  readonly redirectUri: string;
  /** Resolves with the callback's query parameters (code and state, or error). */
  waitForCallback(expectedState: string, signal?: AbortSignal): Promise<URLSearchParams>;
  close(): Promise<void>;
}

export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60 * 1000;
/** How long the receiver stays up after the callback for the browser to fetch the done page. */
const DONE_PAGE_WAIT_MS = 5_000;

const DONE_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Signed in</title>
<body style="font:15px system-ui,sans-serif;margin:3rem"><h1>You can close this tab</h1>
<p>QoD Playground received the sign-in response.</p></body></html>`;

export interface LoopbackOptions {
  timeoutMs?: number;
  /** Maps the local URI to one the browser can reach (VS Code's asExternalUri on remote hosts). */
  mapUri?: (localUri: string) => Promise<string>;
}

export async function startLoopbackRedirect(options: LoopbackOptions = {}): Promise<RedirectStrategy> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS;
  let expected: string | undefined;
  let deliver: ((params: URLSearchParams) => void) | undefined;
  let received = false;
  let doneServed: (() => void) | undefined;
  const doneShown = new Promise<void>((resolve) => {
    doneServed = resolve;
  });
  const server: Server = createServer((req, res) => {
    // A request target that is not a path (`http://[/`) would throw here and take the host process down.
    const url = URL.canParse(req.url ?? '/', 'http://127.0.0.1') ? new URL(req.url ?? '/', 'http://127.0.0.1') : undefined;
    if (url?.pathname === '/done') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
      res.end(DONE_PAGE, () => doneServed?.());
      return;
    }
    const state = url?.searchParams.get('state');
    const hasResult = url?.searchParams.has('code') || url?.searchParams.has('error');
    if (!url || url.pathname !== '/callback' || received || !expected || state !== expected || !hasResult) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not a sign-in response this tool is waiting for.');
      return;
    }
    received = true;
    // Relative: behind a port proxy (`/proxy/<port>/callback`) the browser must stay under the prefix.
    res.writeHead(302, { location: 'done', 'cache-control': 'no-store' });
    res.end();
    deliver?.(url.searchParams);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const local = `http://127.0.0.1:${port}/callback`;
  const redirectUri = options.mapUri ? await options.mapUri(local) : local;
  const shutDown = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const close = async () => {
    if (!received) return shutDown();
    // After the callback the browser still asks for the done page (through a port proxy, a moment later): the
    // receiver stays up for it, at most DONE_PAGE_WAIT_MS, without holding up the sign-in.
    void Promise.race([doneShown, new Promise((r) => setTimeout(r, DONE_PAGE_WAIT_MS))]).then(shutDown);
  };

  return {
    redirectUri,
    waitForCallback(expectedState, signal) {
      expected = expectedState;
      return new Promise<URLSearchParams>((resolve, reject) => {
        const finish = (fn: () => void) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          fn();
        };
        const onAbort = () => finish(() => reject(new CancelledError()));
        const timer = setTimeout(
          () => finish(() => reject(new TimeoutError(`no sign-in response within ${Math.round(timeoutMs / 1000)} s`))),
          timeoutMs,
        );
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        deliver = (params) => finish(() => resolve(params));
      });
    },
    close,
  };
}

/**
 * For providers that only accept a registered https redirect: the user pastes the URL the browser ended on
 * (or just the code).
 */
export function pastedRedirect(
  redirectUri: string,
  askForPastedUrl: (signal?: AbortSignal) => Promise<string | undefined>,
): RedirectStrategy {
  return {
    redirectUri,
    async waitForCallback(expectedState, signal) {
      const pasted = (await askForPastedUrl(signal))?.trim();
      if (!pasted) throw new CancelledError();
      if (URL.canParse(pasted)) return new URL(pasted).searchParams;
      // A bare code: the state cannot be checked by the browser round trip, so it is supplied as expected.
      return new URLSearchParams({ code: pasted, state: expectedState });
    },
    close: async () => undefined,
  };
}
