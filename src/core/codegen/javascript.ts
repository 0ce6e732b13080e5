import { literal, SECRET_ENV, type SnippetRequest } from './model';

export function javascriptSnippet(r: SnippetRequest): string {
  const basic = r.clientAuth === 'client_secret_basic';
  const signIn = r.flow === 'ciba'
    ? `  // 1. CIBA: ask the operator to authenticate the subscriber, then poll the token endpoint.
  const start = await token(${literal(r.bcAuthorizeEndpoint ?? '')}, { login_hint: ${literal(r.loginHint ?? '')}, scope: ${literal(r.scope)} });
  if (!start.body.auth_req_id) throw new Error(\`bc-authorize failed: \${JSON.stringify(start.body)}\`);
  let interval = start.body.interval ?? 5;
  const deadline = Date.now() + start.body.expires_in * 1000;
  let accessToken;
  while (!accessToken) {
    await new Promise((resolve) => setTimeout(resolve, interval * 1000));
    if (Date.now() >= deadline) throw new Error('the request expired before approval');
    const poll = await token(${literal(r.tokenEndpoint)}, { grant_type: 'urn:openid:params:grant-type:ciba', auth_req_id: start.body.auth_req_id });
    if (poll.body.access_token) accessToken = poll.body.access_token;
    else if (poll.body.error === 'slow_down') interval += 5; // for this and every later poll
    else if (poll.body.error !== 'authorization_pending') throw new Error(\`sign-in failed: \${JSON.stringify(poll.body)}\`);
  }`
    : `  // 1. Client credentials (2-legged): the device goes in the request body.
  const signIn = await token(${literal(r.tokenEndpoint)}, { grant_type: 'client_credentials', scope: ${literal(r.scope)} });
  const accessToken = signIn.body.access_token;
  if (!accessToken) throw new Error(\`sign-in failed: \${JSON.stringify(signIn.body)}\`);`;
  return `// QoD: ${r.method} ${r.url}
// Run with Node 18+: ${SECRET_ENV}=... node qod-example.mjs
const clientId = ${literal(r.clientId)};
const clientSecret = process.env.${SECRET_ENV};
if (!clientSecret) throw new Error('set ${SECRET_ENV}');

async function token(url, fields) {
  const form = new URLSearchParams(fields);
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
${basic
    ? "  headers.Authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;"
    : "  form.set('client_id', clientId);\n  form.set('client_secret', clientSecret);"}
  const response = await fetch(url, { method: 'POST', headers, body: form });
  return { status: response.status, body: await response.json() };
}

async function main() {
${signIn}

  // 2. The QoD call, with an x-correlator to find it in the provider's logs.
  const response = await fetch(${literal(r.url)}, {
    method: ${literal(r.method)},
    headers: { Authorization: \`Bearer \${accessToken}\`, 'x-correlator': crypto.randomUUID()${r.body === undefined ? '' : ", 'Content-Type': 'application/json'"} },${r.body === undefined ? '' : `\n    body: JSON.stringify(${JSON.stringify(r.body, null, 2).replace(/\n/g, '\n    ')}),`}
  });
  const text = await response.text();
  console.log(text);
  console.log(\`HTTP \${response.status}\`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
`;
}
