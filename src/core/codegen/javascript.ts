import { literal, loginHintNote, SECRET_ENV, unreachableAdvice, type SnippetRequest } from './model';

export function javascriptSnippet(r: SnippetRequest): string {
  const basic = r.clientAuth === 'client_secret_basic';
  const signIn = r.flow === 'ciba'
    ? `  // 1. CIBA: ask the operator to authenticate the subscriber, then poll the token endpoint.
  const start = await token(${literal(r.bcAuthorizeEndpoint ?? '')}, { login_hint: ${literal(r.loginHint ?? '')}, scope: ${literal(r.scope)} });
  if (start.status !== 200 || !start.body.auth_req_id) throw new Error(\`bc-authorize failed: HTTP \${start.status} \${JSON.stringify(start.body)}\`);
  let interval = start.body.interval ?? 5;
  const deadline = Date.now() + (start.body.expires_in ?? 120) * 1000;
  let accessToken;
  while (!accessToken) {
    await new Promise((resolve) => setTimeout(resolve, interval * 1000));
    if (Date.now() >= deadline) throw new Error('the request expired before approval');
    const poll = await token(${literal(r.tokenEndpoint)}, { grant_type: 'urn:openid:params:grant-type:ciba', auth_req_id: start.body.auth_req_id });
    if (poll.status === 200 && poll.body.access_token) accessToken = poll.body.access_token;
    else if (poll.body.error === 'slow_down') interval += 5; // for this and every later poll
    else if (poll.body.error !== 'authorization_pending') throw new Error(\`sign-in failed: HTTP \${poll.status} \${JSON.stringify(poll.body)}\`);
  }`
    : `  // 1. Client credentials (2-legged): the device goes in the request body.
  const signIn = await token(${literal(r.tokenEndpoint)}, { grant_type: 'client_credentials', scope: ${literal(r.scope)} });
  const accessToken = signIn.body.access_token;
  if (signIn.status !== 200 || !accessToken) throw new Error(\`sign-in failed: HTTP \${signIn.status} \${JSON.stringify(signIn.body)}\`);`;
  const note = loginHintNote(r).map((line) => `// ${line}\n`).join('');
  return `// QoD: ${r.method} ${r.url}
// Run with Node 18+: ${SECRET_ENV}=... node qod-example.mjs
// Exits non-zero, with the status and body, when a step answers anything but 2xx.
${note}import { randomUUID } from 'node:crypto';

const clientId = ${literal(r.clientId)};
const clientSecret = process.env.${SECRET_ENV};

/** fetch, with a connection failure said in words (Node's own message is only "fetch failed"). */
async function send(url, init) {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = error.cause ?? error;
    const origin = new URL(url).origin;
    throw new Error(cause.code === 'ECONNREFUSED'
      ? \`Nothing is listening at \${origin} (connection refused). ${unreachableAdvice(r)}\`
      : \`Could not reach \${origin}: \${cause.code ?? cause.message}. ${unreachableAdvice(r)}\`);
  }
}

/** The answer as JSON, or its text when it is not JSON (a proxy's error page, say). */
async function answer(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { text };
  }
}

async function token(url, fields) {
  const form = new URLSearchParams(fields);
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
${basic
    ? "  headers.Authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;"
    : "  form.set('client_id', clientId);\n  form.set('client_secret', clientSecret);"}
  const response = await send(url, { method: 'POST', headers, body: form });
  return { status: response.status, body: await answer(response) };
}

async function main() {
  if (!clientSecret) throw new Error('set ${SECRET_ENV}');
${signIn}

  // 2. The QoD call, with an x-correlator to find it in the provider's logs.
  const response = await send(${literal(r.url)}, {
    method: ${literal(r.method)},
    headers: { Authorization: \`Bearer \${accessToken}\`, 'x-correlator': randomUUID()${r.body === undefined ? '' : ", 'Content-Type': 'application/json'"} },${r.body === undefined ? '' : `\n    body: JSON.stringify(${JSON.stringify(r.body, null, 2).replace(/\n/g, '\n    ')}),`}
  });
  const text = await response.text();
  if (!response.ok) throw new Error(\`the QoD call failed: HTTP \${response.status}\\n\${text}\`);
  console.log(text);
  console.log(\`HTTP \${response.status}\`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
`;
}
