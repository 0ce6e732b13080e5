import {
  DEFAULT_TIMEOUT_SECONDS,
  literal,
  loginHintNote,
  MAX_CIBA_WAIT_SECONDS,
  SECRET_ENV,
  TIMEOUT_ENV,
  TOKEN_FIELDS,
  unreachableAdvice,
  targetsLine,
  type SnippetRequest,
} from './model';

// Every value of the request is a JSON literal (a valid JavaScript string), in code and in comments alike.

// A backslash ending a line inside a template joins it to the next: the generated line stays whole, this source stays under 140.
export function javascriptSnippet(r: SnippetRequest): string {
  const basic = r.clientAuth === 'client_secret_basic';
  const signIn =
    r.flow === 'ciba'
      ? `  // 1. CIBA: ask the operator to authenticate the subscriber, then poll the token endpoint.
  const start = await token(${literal(r.bcAuthorizeEndpoint ?? '')}, { login_hint: ${literal(r.loginHint ?? '')}, \
scope: ${literal(r.scope)} });
  if (!ok(start.status) || !start.body.auth_req_id) throw new Error(\`bc-authorize failed: HTTP \${start.status} \${masked(start.body)}\`);
  let interval = bounded(start.body.interval, 5, 1, 60);
  const deadline = Date.now() + bounded(start.body.expires_in, 120, 1, ${MAX_CIBA_WAIT_SECONDS}) * 1000;
  let accessToken;
  while (!accessToken) {
    await new Promise((resolve) => setTimeout(resolve, interval * 1000));
    if (Date.now() >= deadline) throw new Error('the request expired before approval');
    const poll = await token(${literal(r.tokenEndpoint)}, { grant_type: 'urn:openid:params:grant-type:ciba', \
auth_req_id: start.body.auth_req_id });
    if (ok(poll.status) && poll.body.access_token) accessToken = poll.body.access_token;
    else if (poll.body.error === 'slow_down') interval = bounded(interval + 5, 5, 1, 60); // for this and every later poll
    else if (poll.body.error !== 'authorization_pending') throw new Error(\`sign-in failed: HTTP \${poll.status} \${masked(poll.body)}\`);
  }`
      : `  // 1. Client credentials (2-legged): the device goes in the request body.
  const signIn = await token(${literal(r.tokenEndpoint)}, { grant_type: 'client_credentials', scope: ${literal(r.scope)} });
  const accessToken = signIn.body.access_token;
  if (!ok(signIn.status) || !accessToken) throw new Error(\`sign-in failed: HTTP \${signIn.status} \${masked(signIn.body)}\`);`;
  const note = loginHintNote(r)
    .map((line) => `// ${line}\n`)
    .join('');
  return `// QoD: ${r.method} ${literal(r.url)}
${targetsLine(r, '//')}// Run with Node 18+: ${SECRET_ENV}=... node qod-example.mjs
// Exits non-zero, with the status and body, when a step answers anything but 2xx.
// Each request gives up after ${DEFAULT_TIMEOUT_SECONDS} s (or ${TIMEOUT_ENV}).
${note}import { randomUUID } from 'node:crypto';

const clientId = ${literal(r.clientId)};
const clientSecret = process.env.${SECRET_ENV};
const timeoutSetting = Number(process.env.${TIMEOUT_ENV});
const timeoutSeconds = Number.isFinite(timeoutSetting) && timeoutSetting > 0 ? timeoutSetting : ${DEFAULT_TIMEOUT_SECONDS};
const unreachable = ${literal(unreachableAdvice(r))};

/**
 * fetch with a deadline (answer and body within the timeout), a failure said in words (Node's own message is
 * only "fetch failed"), and the body read: as JSON, or its text when it is not JSON (a proxy's error page, say).
 */
async function send(url, init) {
  const origin = new URL(url).origin;
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutSeconds * 1000) });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    const cause = error.cause ?? error;
    if (error.name === 'TimeoutError') throw new Error(\`\${origin} did not answer within \${timeoutSeconds} s. \${unreachable}\`);
    throw new Error(cause.code === 'ECONNREFUSED'
      ? \`Nothing is listening at \${origin} (connection refused). \${unreachable}\`
      : \`Could not reach \${origin}: \${cause.code ?? cause.message}. \${unreachable}\`);
  }
}

/** A token answer, always an object: its JSON, or its text (or a JSON answer that is not an object) wrapped. */
function answer(text) {
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : { answer: value };
  } catch {
    return { text };
  }
}

const ok = (status) => status >= 200 && status < 300;
/** The answer to print for a failed step, its tokens masked (a token is never printed). */
const masked = (body) => JSON.stringify(body, (key, value) => (${JSON.stringify(TOKEN_FIELDS)}.includes(key) ? '***' : value));
/** A number of seconds from the provider (the default when it is not a number), kept within low..high. */
const bounded = (value, fallback, low, high) => Math.min(\
Math.max(typeof value === 'number' && Number.isFinite(value) ? value : fallback, low), high);

async function token(url, fields) {
  const form = new URLSearchParams(fields);
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
${
  basic
    ? "  headers.Authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;"
    : "  form.set('client_id', clientId);\n  form.set('client_secret', clientSecret);"
}
  const response = await send(url, { method: 'POST', headers, body: form });
  return { status: response.status, body: answer(response.text) };
}

async function main() {
  if (!clientSecret) throw new Error('set ${SECRET_ENV}');
${signIn}

  // 2. The QoD call, with an x-correlator to find it in the provider's logs.
  const response = await send(${literal(r.url)}, {
    method: ${literal(r.method)},
    headers: { Authorization: \`Bearer \${accessToken}\`, 'x-correlator': randomUUID()\
${r.body === undefined ? '' : ", 'Content-Type': 'application/json'"} },\
${r.body === undefined ? '' : `\n    body: JSON.stringify(${JSON.stringify(r.body, null, 2).replace(/\n/g, '\n    ')}),`}
  });
  const { text } = response;
  if (!ok(response.status)) throw new Error(\`the QoD call failed: HTTP \${response.status}\\n\${text}\`);
  console.log(text);
  console.log(\`HTTP \${response.status}\`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
`;
}
