// A browser's cookie jar and the sandbox's sign-in page over plain HTTP: enough to start several
// authorization-code flows in one jar and post any form to any interaction, as a hostile page could.
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'undici';

export interface Answer {
  status: number;
  location?: string;
  html: string;
}

/** Which sign-in page: its uid and the key that only its own URL carries (left out, as a cookie replayer must). */
export interface PageRef {
  uid: string;
  key?: string;
}

export interface FlowStart extends PageRef {
  key: string;
  redirectUri: string;
  state: string;
  verifier: string;
}

export class SignInJar {
  readonly #cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  /** What the browser would send: every cookie for the host, as the sandbox's are at `path=/`. */
  cookieHeader(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Takes on the cookies of a `Cookie` header, as a server on another port of the same host receives them. */
  adoptCookies(header: string | undefined): this {
    for (const pair of (header ?? '').split(/;\s*/)) {
      const eq = pair.indexOf('=');
      if (eq > 0) this.#cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return this;
  }

  /** The value of one cookie (`_interaction` is the uid of the browser's pending sign-in). */
  cookie(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  async get(url: string): Promise<Answer> {
    return this.#send(url, 'GET');
  }

  async post(url: string, fields: Record<string, string>): Promise<Answer> {
    return this.#send(url, 'POST', new URLSearchParams(fields).toString());
  }

  /** Starts an authorization-code flow with PKCE and answers the interaction it leads to (not yet opened). */
  async start(clientId: string, redirectUri: string, state: string): Promise<FlowStart> {
    const verifier = randomBytes(32).toString('base64url');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: 'openid dpv:RequestedServiceProvision#qod',
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const answer = await this.get(`${this.base}/authorize?${query}`);
    const page = new URL(answer.location ?? '', `${this.base}/authorize`);
    const uid = /^\/interaction\/([^/]+)$/.exec(page.pathname)?.[1];
    if (!uid) throw new Error(`/authorize answered ${answer.status} ${answer.location ?? ''} ${answer.html.slice(0, 200)}`);
    return { uid, key: page.searchParams.get('k') ?? '', redirectUri, state, verifier };
  }

  /** The page's URL: `/interaction/<uid>`, with `?k=` when the key is known. */
  pageUrl(ref: PageRef): string {
    return `${this.base}/interaction/${ref.uid}${ref.key === undefined ? '' : `?k=${encodeURIComponent(ref.key)}`}`;
  }

  /** Opens a sign-in page; answers the page and the form's CSRF token (empty when the page has none). */
  async open(ref: PageRef): Promise<Answer & { csrf: string }> {
    const page = await this.get(this.pageUrl(ref));
    return { ...page, csrf: /name="csrf" value="([^"]*)"/.exec(page.html)?.[1] ?? '' };
  }

  /** Posts a decision to a sign-in page's URL (the form posts to its own URL). */
  async decide(ref: PageRef, fields: Record<string, string>): Promise<Answer> {
    return this.post(this.pageUrl(ref), { decision: 'approve', ...fields });
  }

  /** Follows the redirects after a decision to the redirect URI the flow ended on (without requesting it). */
  async follow(from: string, answer: Answer, stopAt: string[], maxHops = 6): Promise<URL | undefined> {
    let current = from;
    let next = answer;
    for (let hop = 0; hop < maxHops && next.location; hop++) {
      const url = new URL(next.location, current);
      if (stopAt.some((prefix) => url.href.startsWith(prefix))) return url;
      current = url.href;
      next = await this.get(current);
    }
    return undefined;
  }

  async #send(url: string, method: string, body?: string): Promise<Answer> {
    const res = await request(url, {
      method,
      headers: { cookie: this.cookieHeader(), ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
      body,
      headersTimeout: 5000,
      bodyTimeout: 5000,
    });
    const html = await res.body.text();
    for (const c of [res.headers['set-cookie'] ?? []].flat()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    const location = res.headers.location;
    return { status: res.statusCode, location: typeof location === 'string' ? location : undefined, html };
  }
}
