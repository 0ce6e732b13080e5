// The sandbox's stand-in for network authentication in the authorization code flow. A real operator
// recognises the device from the mobile data connection the browser uses; here the developer says which
// device "is on the mobile network" and approves or denies. For automated tests, `sandbox_decision=approve`
// (or `deny`) on the /authorize URL, with a login_hint, decides without the page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { parseLoginHint } from '../../core/auth/login-hint';
import { E164_LENIENT, isIpv4, isIpv6 } from '../../core/camara/fields';
import { PURPOSE_SCOPE } from '../../core/camara/scopes';
import { readBody, sendHtml, sendJson } from '../http-util';
import { isKnown, subscriberForHint, type Subscriber } from '../subscribers';
import { formTokensOf } from './form-tokens';
import { apiAudience, escapeHtml } from './provider';

const OIDC_SCOPES = new Set(['openid', 'offline_access', PURPOSE_SCOPE]);

/**
 * oidc-provider finds the interaction by the browser's cookie, not by the URL, and a browser holds one such cookie
 * (at `path=/`, for proxies) for its latest sign-in; any server on the same host receives it too, whatever its port.
 * So every page and form is bound to its own interaction: the uid in the URL must be the cookie's, the URL must carry
 * the page's key (made when the interaction started, sent only in the redirect to the browser that started it, never
 * in a cookie), and a decision must also carry the form token only a page served with that key holds.
 */
export async function handleInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  serves?: (subject: string) => boolean,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const target = pageTarget(req.url);
  if (target.uid !== details.uid) {
    req.resume();
    return refuse(
      res,
      400,
      'This sign-in page is not the one this browser has under way: another sign-in was started since ' +
        '(in this tab or another), and a browser keeps one at a time. Nothing was decided. Start the sign-in again from your app.',
    );
  }
  const tokens = formTokensOf(provider);
  if ((req.method === 'GET' || req.method === 'POST') && !tokens.opens(details.uid, target.key)) {
    req.resume();
    return refuse(
      res,
      403,
      "This sign-in page's address is incomplete or not this sign-in's (its key is missing or wrong), " +
        'so nothing is shown and nothing was decided. Open the sign-in page from your app again, by the link it gave.',
    );
  }
  const params = details.params as Record<string, string | undefined>;
  if (req.method === 'GET') {
    const decision = params.sandbox_decision;
    if ((decision === 'approve' || decision === 'deny') && params.login_hint) {
      return decide(provider, req, res, decision, params.login_hint, serves);
    }
    const csrf = tokens.issue(details.uid, target.key);
    if (csrf === undefined) return refuse(res, 403, 'This sign-in page is no longer open. Start the sign-in again from your app.');
    // oidc-provider checked redirect_uri before starting the interaction, so it parses; its origin alone goes in the CSP.
    const redirectOrigin = URL.parse(String(params.redirect_uri))?.origin;
    const html = page(details.uid, String(target.key), csrf, String(params.client_id), String(params.scope ?? ''), params.login_hint ?? '');
    return sendHtml(res, 200, html, redirectOrigin && redirectOrigin !== 'null' ? [redirectOrigin] : []);
  }
  if (req.method === 'POST') {
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    if (!tokens.take(details.uid, target.key, form.get('csrf'))) {
      return refuse(
        res,
        403,
        'This form did not come from this sign-in page (its token is missing, wrong or already used), ' +
          'so nothing was decided. Open the sign-in page from your app again and decide there.',
      );
    }
    return decide(provider, req, res, form.get('decision') === 'approve' ? 'approve' : 'deny', form.get('device') ?? '', serves);
  }
  req.resume();
  sendJson(
    res,
    405,
    { error: 'invalid_request', error_description: `${req.method} is not allowed on the sign-in page; use GET or POST` },
    { allow: 'GET, POST' },
  );
}

async function decide(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  decision: 'approve' | 'deny',
  device: string,
  serves?: (subject: string) => boolean,
): Promise<void> {
  if (decision === 'deny') {
    return finish(provider, req, res, { error: 'access_denied', error_description: 'the subscriber declined' });
  }
  const subscriber = subscriberForDevice(device);
  if (!subscriber || !isKnown(subscriber.lastDigit) || (serves && !serves(subscriber.subject))) {
    const why = subscriber ? 'the network does not know this subscriber' : 'no device was recognised on the mobile network';
    return finish(provider, req, res, { error: 'access_denied', error_description: why });
  }
  const details = await provider.interactionDetails(req, res);
  const params = details.params as Record<string, string | undefined>;
  const scopes = String(params.scope ?? '')
    .split(' ')
    .filter(Boolean);
  const grant = new provider.Grant({ clientId: String(params.client_id), accountId: subscriber.subject });
  grant.addOIDCScope(scopes.filter((s) => OIDC_SCOPES.has(s)).join(' '));
  const apiScopes = scopes.filter((s) => !OIDC_SCOPES.has(s));
  // Granted for the QoD API now, at login: waiting for oidc-provider's later consent prompt would show this page twice.
  grant.addResourceScope(typeof params.resource === 'string' ? params.resource : apiAudience(provider.issuer), apiScopes.join(' '));
  const grantId = await grant.save();
  return finish(provider, req, res, { login: { accountId: subscriber.subject }, consent: { grantId } });
}

/**
 * Back to the authorization endpoint by a relative redirect (`../authorize/<uid>`), not oidc-provider's absolute
 * issuer URL: behind a path-prefixing port proxy the browser must stay on the proxy's origin and prefix.
 */
async function finish(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  result: Parameters<Provider['interactionResult']>[2],
): Promise<void> {
  const returnTo = new URL(await provider.interactionResult(req, res, result, { mergeWithLastSubmission: false }));
  res.writeHead(303, { location: `..${returnTo.pathname}${returnTo.search}`, 'cache-control': 'no-store' });
  res.end();
}

/** Accepts what a developer would type: `tel:+34…`, `+34…`, `ipport:…`, or a bare IP address. */
export function subscriberForDevice(input: string): Subscriber | undefined {
  const value = input.trim();
  let hint = value;
  if (E164_LENIENT.test(value)) hint = `tel:${value.startsWith('+') ? value : `+${value}`}`;
  else if (isIpv4(value)) hint = `ipport:${value}`;
  else if (isIpv6(value)) hint = `ipport:[${value}]`;
  const parsed = parseLoginHint(hint);
  return parsed.ok ? subscriberForHint(parsed.hint) : undefined;
}

/** The uid in `/interaction/<uid>`, as the browser addressed it (undefined for any other shape), and the `k` query. */
function pageTarget(target: string | undefined): { uid?: string; key?: string } {
  const url = URL.parse(target ?? '', 'http://sandbox.invalid');
  const match = /^\/interaction\/([^/]+)$/.exec(url?.pathname ?? '');
  const key = url?.searchParams.get('k') ?? undefined;
  if (!match?.[1]) return { key };
  try {
    return { uid: decodeURIComponent(match[1]), key };
  } catch {
    return { key };
  }
}

function refuse(res: ServerResponse, status: 400 | 403, why: string): void {
  sendHtml(
    res,
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>QoD sandbox: sign-in refused</title></head>
<body><h1>Sign-in refused</h1><p>${escapeHtml(why)}</p></body></html>`,
  );
}

function page(uid: string, key: string, csrf: string, clientId: string, scope: string, loginHint: string): string {
  const device = loginHint.replace(/^tel:/, '').replace(/^ipport:/, '');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>QoD sandbox: network authentication</title>
<style>body{font:15px system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}
input{font:inherit;width:100%;padding:.4rem}button{font:inherit;padding:.4rem 1rem;margin-right:.5rem}
code{background:#8882;padding:0 .2rem}</style></head>
<body><h1>Network authentication (sandbox)</h1>
<p>A real operator recognises the device from the mobile data connection this page was opened on.
Here you choose which device is on the mobile network.</p>
<p><b>${escapeHtml(clientId)}</b> asks for: <code>${escapeHtml(scope)}</code></p>
<form method="post" action="${escapeHtml(`${encodeURIComponent(uid)}?k=${encodeURIComponent(key)}`)}">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<label for="device">Device on the mobile network (phone number or IP address)</label>
<input id="device" name="device" value="${escapeHtml(device)}" placeholder="+34666666661 or 203.0.113.25" required autofocus>
<p><button name="decision" value="approve" type="submit">Approve</button>
<button name="decision" value="deny" type="submit" formnovalidate>Deny</button></p>
</form>
<p>The last digit decides how the sandbox behaves (see the README): 8 is an unknown subscriber.</p>
</body></html>`;
}
