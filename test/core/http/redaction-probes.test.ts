// Redaction probes: secrets in every carrier the product records (headers, JSON, forms, query strings, text that
// does not parse) never come out; ordinary values, a CAMARA error's `code` among them, are never hidden.
import assert from 'node:assert/strict';
import { REDACTED, Redactor } from '../../../src/core/http/redact';
import { withoutCredentials } from '../../../src/webview/app/saved-state';
import { leakedSecrets } from '../../support/leak-scan';

/** Names that carry a credential, in the spellings providers and developers use. */
const SECRET_NAMES = [
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'client_assertion',
  'code_verifier',
  'auth_req_id',
  'ACCESS_TOKEN',
  'AccessToken',
  'accessToken',
  'notificationAuthToken',
  'x-auth-token',
  'apiKey',
  'api_key',
  'X-API-KEY',
  'password',
  'Password',
  'db_passwd',
  'clientSecret',
  'private_key',
  'privateKey',
  'sinkCredentialValue',
  'my_credential',
  'login_hint_token',
  'device_code',
  'session_token',
  'bearerToken',
  'jwt_assertion',
];

/** Names that look alike but hold nothing secret. */
const ORDINARY: Array<[string, string]> = [
  ['code', 'CONFLICT'],
  ['code', 'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE'],
  ['token_type', 'Bearer'],
  ['accessTokenType', 'bearer'],
  ['accessTokenExpiresUtc', '2099-01-01T00:00:00Z'],
  ['credentialType', 'ACCESSTOKEN'],
  ['expires_in', '3600'],
  ['login_hint', 'tel:+34666666661'],
  ['token_endpoint', 'https://op.example/token'],
  ['client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'],
  ['qosProfile', 'QOS_E'],
  ['sessionId', '3fa85f64-5717-4562-b3fc-2c963f66afa6'],
  ['qosStatus', 'AVAILABLE'],
  ['message', 'Another session exists'],
  ['state', 'state-value-1'],
  ['scope', 'openid quality-on-demand:sessions:create'],
  ['grant_type', 'urn:openid:params:grant-type:ciba'],
  ['token_endpoint_auth_method', 'private_key_jwt'],
  ['backchannel_token_delivery_mode', 'poll'],
  ['interval', '2'],
];

interface Probe {
  name: string;
  run(r: Redactor): string;
  /** Must not appear in the output. */
  secret?: string;
  /** Must appear in the output, unchanged. */
  keep?: string;
}

let n = 0;
const value = () => `probe-secret-${(n++).toString().padStart(3, '0')}-x9`;

function hostile(): Probe[] {
  const probes: Probe[] = [];
  for (const name of SECRET_NAMES) {
    const inJson = value();
    probes.push({
      name: `JSON "${name}"`,
      secret: inJson,
      run: (r) => r.body(JSON.stringify({ outer: { [name]: inJson, keep: 1 } }), 'application/json'),
    });
    const inText = value();
    probes.push({
      name: `text/plain JSON "${name}"`,
      secret: inText,
      run: (r) => r.body(`{"${name}": "${inText}", "other": 1}`, 'text/plain'),
    });
    const cut = value();
    probes.push({ name: `truncated JSON "${name}"`, secret: cut, run: (r) => r.body(`{"a":1,"${name}":"${cut}`, 'application/json') });
    const inForm = value();
    probes.push({
      name: `form ${name}`,
      secret: inForm,
      run: (r) => r.body(`grant_type=x&${name}=${inForm}`, 'application/x-www-form-urlencoded'),
    });
    const inQuery = value();
    probes.push({ name: `query ${name}`, secret: inQuery, run: (r) => r.url(`https://op.example/cb?state=s&${name}=${inQuery}`) });
    const inHeader = value();
    probes.push({ name: `header ${name}`, secret: inHeader, run: (r) => JSON.stringify(r.headers([[name, inHeader]])) });
  }
  const code = value();
  probes.push({
    name: 'authorization code in the callback query',
    secret: code,
    run: (r) => r.url(`http://127.0.0.1:5000/callback?code=${code}&state=s`),
  });
  const tokenCode = value();
  probes.push({
    name: 'authorization code in the token request form',
    secret: tokenCode,
    run: (r) => r.body(`grant_type=authorization_code&code=${tokenCode}`, 'application/x-www-form-urlencoded'),
  });
  const sink = value();
  probes.push({
    name: 'sink URL query in a create body',
    secret: sink,
    run: (r) => r.body(JSON.stringify({ sink: `https://app.example/n?token=${sink}` }), 'application/json'),
  });
  const hook = value();
  probes.push({
    name: 'v0.10 webhook URL query',
    secret: hook,
    run: (r) => r.body(JSON.stringify({ webhook: { notificationUrl: `https://app.example/n?k=${hook}` } }), 'application/json'),
  });
  const basic = value();
  probes.push({
    name: 'Authorization: Basic',
    secret: basic,
    run: (r) => JSON.stringify(r.headers([['Authorization', `Basic ${basic}`]])),
  });
  const known = value();
  probes.push({
    name: 'a known secret inside ordinary text',
    secret: known,
    run: (r) => {
      r.addSecret(known);
      return r.body(`error: ${known} was refused`, 'text/plain');
    },
  });
  const deep = value();
  probes.push({
    name: 'a secret inside JSON nested 20,000 deep',
    secret: deep,
    run: (r) => r.body(`${'['.repeat(20000)}{"access_token":"${deep}"}${']'.repeat(20000)}`, 'application/json'),
  });
  const userinfo = value();
  probes.push({ name: 'password in URL userinfo', secret: userinfo, run: (r) => r.url(`https://user:${userinfo}@op.example/x?y=1`) });
  // Shapes an audit found leaking (issue 17): a fragment, userinfo, `?key=`, subscription-key headers, `jwt` and
  // `bearer` keys, arrays and objects under a secret key, in parsed and in broken JSON.
  const fragment = value();
  probes.push({
    name: 'implicit-grant fragment #access_token=',
    secret: fragment,
    run: (r) => r.url(`https://app.example/cb#access_token=${fragment}&token_type=bearer`),
  });
  const user = value();
  probes.push({ name: 'a token as URL userinfo (username)', secret: user, run: (r) => r.url(`https://${user}@op.example/x`) });
  const userText = value();
  probes.push({
    name: 'a token as URL userinfo in text',
    secret: userText,
    run: (r) => r.body(`proxy https://${userText}@op.example/x failed`, 'text/plain'),
  });
  const key = value();
  probes.push({ name: 'query ?key=', secret: key, run: (r) => r.url(`https://op.example/x?key=${key}&a=1`) });
  const apim = value();
  probes.push({
    name: 'header Ocp-Apim-Subscription-Key',
    secret: apim,
    run: (r) => JSON.stringify(r.headers([['Ocp-Apim-Subscription-Key', apim]])),
  });
  for (const name of ['jwt', 'bearer', 'Bearer']) {
    const v = value();
    probes.push({ name: `JSON "${name}"`, secret: v, run: (r) => r.body(JSON.stringify({ a: 1, [name]: v }), 'application/json') });
  }
  const inArray = value();
  probes.push({
    name: 'an array under a secret key',
    secret: inArray,
    run: (r) => r.body(JSON.stringify({ access_token: [inArray] }), 'application/json'),
  });
  const inObject = value();
  probes.push({
    name: 'an object under a secret key',
    secret: inObject,
    run: (r) => r.body(JSON.stringify({ client_secret: { value: inObject } }), 'application/json'),
  });
  const cutArray = value();
  probes.push({
    name: 'an array under a secret key, cut short',
    secret: cutArray,
    run: (r) => r.body(`{"a":1,"access_token":["${cutArray}"`, 'text/plain'),
  });
  const cutObject = value();
  probes.push({
    name: 'an object under a secret key, cut short',
    secret: cutObject,
    run: (r) => r.body(`{"secret":{"v":"${cutObject}"`, 'application/json'),
  });
  const saved = value();
  probes.push({
    name: 'webview saved state, half-typed JSON',
    secret: saved,
    run: () => withoutCredentials(`{"sinkCredential": {"accessToken": "${saved}", "accessTokenType": "bearer"`),
  });
  return probes;
}

function ordinary(): Probe[] {
  const probes: Probe[] = [];
  for (const [name, v] of ORDINARY) {
    probes.push({
      name: `JSON "${name}"`,
      keep: JSON.stringify(v),
      run: (r) => r.body(JSON.stringify({ status: 409, [name]: v }), 'application/json'),
    });
    probes.push({ name: `text "${name}"`, keep: v, run: (r) => r.body(`{"${name}": "${v}"`, 'text/plain') });
    if (name !== 'code')
      probes.push({
        name: `query ${name}`,
        keep: encodeURIComponent(v),
        run: (r) => r.url(`https://op.example/x?${name}=${encodeURIComponent(v)}`),
      });
    probes.push({ name: `saved state "${name}"`, keep: v, run: () => withoutCredentials(JSON.stringify({ [name]: v })) });
  }
  probes.push({
    name: 'CAMARA error body',
    keep: '"code":"CONFLICT"',
    run: (r) => r.body('{"status":409,"code":"CONFLICT","message":"Another session"}', 'application/json'),
  });
  probes.push({
    name: 'pretty-printed API body keeps its formatting',
    keep: '{\n  "qosStatus": "AVAILABLE"\n}',
    run: (r) => r.body('{\n  "qosStatus": "AVAILABLE"\n}', 'application/json'),
  });
  probes.push({
    name: 'x-correlator header',
    keep: 'b2c0d8a4-correlator',
    run: (r) => JSON.stringify(r.headers([['x-correlator', 'b2c0d8a4-correlator']])),
  });
  probes.push({
    name: 'Idempotency-Key header',
    keep: 'idem-123',
    run: (r) => JSON.stringify(r.headers([['Idempotency-Key', 'idem-123']])),
  });
  probes.push({
    name: 'sinkCredential keeps its type under a secret name',
    keep: '"credentialType":"ACCESSTOKEN"',
    run: (r) =>
      r.body(JSON.stringify({ sinkCredential: { credentialType: 'ACCESSTOKEN', accessToken: 'x'.repeat(20) } }), 'application/json'),
  });
  probes.push({
    name: 'sink URL path stays',
    keep: 'https://app.example/notify?',
    run: (r) => r.body(JSON.stringify({ sink: 'https://app.example/notify?k=v' }), 'application/json'),
  });
  return probes;
}

/** A known secret echoed back in each encoding we send it in: every one must be found (issue 17). */
function echoes(): Probe[] {
  // No whitespace in it, so a copy split across lines is still recognisable once the output's whitespace is gone.
  const secret = 'secr+et/=&"v\\alue-0123456789';
  const clientId = 'qod-demo';
  const form = new URLSearchParams({ v: secret }).toString().slice(2);
  const strictForm = encodeURIComponent(secret).replace(/[-_.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const shapes: Array<[string, string]> = [
    ['raw', `echo ${secret} echo`],
    ['percent-encoded', `echo ${encodeURIComponent(secret)}`],
    ['form-encoded', `client_id=x&echo=${form}`],
    ['JSON-escaped', JSON.stringify({ code: secret })],
    [
      'Basic header (RFC 6749 form-encoded before base64, as oauth4webapi sends it)',
      `Basic ${Buffer.from(`qod%2Ddemo:${strictForm}`).toString('base64')}`,
    ],
    ['Basic header (URLSearchParams-encoded before base64)', `Basic ${Buffer.from(`${clientId}:${form}`).toString('base64')}`],
    ['Basic header (raw before base64)', `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`],
    ['base64 at offset 1', Buffer.from(`x${secret}y`).toString('base64')],
    ['base64url at offset 2', Buffer.from(`xy${secret}`).toString('base64url')],
    ['split across lines', `${secret.slice(0, 9)}\n${secret.slice(9)}`],
    ['split by JSON \\n', JSON.stringify({ message: `${secret.slice(0, 9)}\n${secret.slice(9)}` })],
  ];
  return shapes.map(([name, text]) => ({
    name: `known secret, ${name}`,
    secret,
    run: (r) => {
      r.addSecret(secret);
      return r.text(text);
    },
  }));
}

describe('Redaction probes', () => {
  it('a known secret echoed in every encoding we send it in: 0 leaks', () => {
    const probes = echoes();
    const leaks = probes
      .filter((p) => leakedSecrets(p.run(new Redactor()), [p.secret as string]).length > 0)
      .map((p) => `${p.name}: ${p.run(new Redactor())}`);
    console.log(`      encoded echoes: ${probes.length}, ${leaks.length} leaks`);
    assert.deepEqual(leaks, []);
  });

  const hostileProbes = hostile();
  const ordinaryProbes = ordinary();

  it(`${hostileProbes.length} hostile shapes (headers, JSON, form, query, text, truncated, deep): 0 leaks`, () => {
    assert.ok(hostileProbes.length >= 60);
    const leaks = hostileProbes.filter((p) => p.run(new Redactor()).includes(p.secret as string)).map((p) => p.name);
    console.log(`      redaction probes: ${hostileProbes.length} hostile, ${leaks.length} leaks`);
    assert.deepEqual(leaks, []);
  });

  it(`${ordinaryProbes.length} ordinary shapes: nothing that is not secret is hidden`, () => {
    assert.ok(ordinaryProbes.length >= 60);
    const hidden = ordinaryProbes
      .filter((p) => !p.run(new Redactor()).includes(p.keep as string))
      .map((p) => `${p.name}: ${p.run(new Redactor())}`);
    console.log(`      redaction probes: ${ordinaryProbes.length} ordinary, ${hidden.length} wrongly hidden`);
    assert.deepEqual(hidden, []);
  });

  it('a known secret spelled with JSON escapes (\\u0065, \\/) is found once parsed, in a recorded body and in parsed values', () => {
    const secret = 'eyJhbGciOi/x.payload-0123456789';
    const r = new Redactor();
    r.addSecret(secret);
    const spelled = `{"message":"got \\u0065${secret.slice(1).replace('/', '\\/')}"}`;
    assert.ok((JSON.parse(spelled) as { message: string }).message.includes(secret), 'the probe spells the secret');
    assert.ok(!(JSON.parse(r.body(spelled, 'application/json')) as { message: string }).message.includes(secret));
    assert.ok(!JSON.stringify(r.strings(JSON.parse(spelled))).includes(secret));
  });

  it('says where something was hidden', () => {
    assert.equal(new Redactor().body('{"access_token":"abcdefgh12345"}', 'application/json'), `{"access_token":"${REDACTED}"}`);
  });
});
