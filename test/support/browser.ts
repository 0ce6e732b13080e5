// A minimal stand-in for a browser in the authorization code flow: follows redirects and keeps cookies.
import { request } from 'undici';

/** Follows redirects from `url` until one points at `stopAt` (a prefix); answers that URL without requesting it. */
export async function followRedirects(url: string, stopAt: string, maxHops = 10): Promise<URL> {
  const cookies = new Map<string, string>();
  let current = url;
  for (let hop = 0; hop < maxHops; hop++) {
    const res = await request(current, { headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    await res.body.dump();
    for (const c of [res.headers['set-cookie'] ?? []].flat()) {
      const [pair] = c.split(';');
      const [name, value] = (pair ?? '').split('=');
      if (name) cookies.set(name, value ?? '');
    }
    const location = res.headers.location as string | undefined;
    if (!location) throw new Error(`${current} answered ${res.statusCode} without a redirect`);
    const next = new URL(location, current);
    if (next.href.startsWith(stopAt)) return next;
    current = next.href;
  }
  throw new Error('too many redirects');
}

/** Like a browser: follows the whole chain to the loopback receiver, and on to its done page; answers the last status. */
export async function completeInBrowser(url: string, redirectUri: string): Promise<number> {
  const callback = await followRedirects(url, redirectUri);
  const res = await request(callback.href);
  await res.body.dump();
  const location = res.headers.location as string | undefined;
  if (res.statusCode !== 302 || !location) return res.statusCode;
  const done = await request(new URL(location, callback).href);
  await done.body.dump();
  return done.statusCode;
}
