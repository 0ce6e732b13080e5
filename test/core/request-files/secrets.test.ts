// "Never a secret in a request file": literal credentials are flagged at their line, placeholders and the
// sign-in are not, and no message repeats the secret.
import assert from 'node:assert/strict';
import { secretsInFile } from '../../../src/core/request-files/secrets';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZWwifQ.c2lnbmF0dXJlLXZhbHVl';

/** [what the row is, the line, what the finding says] — each line is flagged at line 1. */
const flagged: Array<[string, string, RegExp]> = [
  ['a Bearer token', `Authorization: Bearer ${TOKEN}`, /Authorization header with a literal credential/],
  ['a Basic credential', 'Authorization: Basic YWxpY2U6c2VjcmV0', /Authorization header/],
  ['a lower-case authorization header', `authorization: bearer ${TOKEN}`, /Authorization header/],
  ['a token without a scheme', `Authorization: ${TOKEN}`, /Authorization header/],
  ['a placeholder next to a literal', 'Authorization: Bearer {{prefix}}abc123', /Authorization header/],
  ['an unclosed placeholder', `Authorization: Bearer {{${TOKEN}`, /Authorization header/],
  ['a proxy authorization', 'Proxy-Authorization: Basic YWxpY2U6c2VjcmV0', /Authorization header/],
  ['a commented-out Authorization header', `# Authorization: Bearer ${TOKEN}`, /Authorization header/],
  ['an API key header', 'X-API-Key: 0123456789abcdef', /X-API-Key holds a literal credential/],
  ['client_secret in a form body', 'grant_type=client_credentials&client_secret=s3cr3t', /client_secret holds a literal/],
  ['client_secret at the start of a line', 'client_secret=s3cr3t', /client_secret/],
  ['"client_secret" in JSON', '  "client_secret": "s3cr3t",', /client_secret/],
  ['clientSecret in JSON', '{"clientId": "app", "clientSecret": "s3cr3t"}', /clientSecret/],
  ['a code_verifier', 'code=abc&code_verifier=dBjftJeZ4CVP', /code/],
  ['an auth_req_id', '  "auth_req_id": "1c266114-a1be-4252-8ad1-04986c5b9ac1"', /auth_req_id/],
  ['an access_token', `  "access_token": "${TOKEN}",`, /access_token/],
  ['a refresh_token in a query', 'GET {{host}}/cb?refresh_token=abcdef', /refresh_token/],
  ['a token in a sink URL', '  "sink": "https://example.com/cb?access_token=abc",', /access_token/],
  ['an OAuth code in a query (form context)', 'GET {{host}}/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=x', /code holds/],
  ['a variable holding a token', `@accessToken = ${TOKEN}`, /The variable accessToken holds a literal credential/],
  ['a variable holding a client secret', '@client_secret=s3cr3t', /client_secret/],
  ['a PEM private key', '-----BEGIN PRIVATE KEY-----', /PEM private key/],
  ['an RSA PEM private key', '-----BEGIN RSA PRIVATE KEY-----', /PEM private key/],
  ['a YAML-like token line in a body', 'access_token: abcdef', /access_token/],
];

/** Lines that hold no credential. */
const notFlagged: Array<[string, string]> = [
  ['the sign-in placeholder', 'Authorization: Bearer {{$qod.accessToken}}'],
  ['a variable placeholder', 'Authorization: Bearer {{authToken}}'],
  ['a Basic credential from placeholders', 'Authorization: Basic {{clientId}}:{{clientSecret}}'],
  ['only a placeholder', 'Authorization: {{auth}}'],
  ['a scheme without a credential', 'Authorization: Bearer'],
  ['a chained token (REST Client)', 'Authorization: Bearer {{login.response.body.$.access_token}}'],
  ['a password from .env (REST Client)', '  "password": "{{$dotenv PASSWORD}}"'],
  ['a variable made of a placeholder', '@token = {{tokenAPI.response.body.token}}'],
  ['an empty secret field', '  "client_secret": "",'],
  ['token_type is a kind, not a credential', '  "token_type": "Bearer",'],
  ['expires_in', '  "expires_in": "3600",'],
  ['a CAMARA error code in JSON', '  "code": "QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE",'],
  ['a session id', '  "sessionId": "3fa85f64-5717-4562-b3fc-2c963f66afa6",'],
  ['a phone number', '  "phoneNumber": "+34666666661"'],
  ['the sign-in line with a login hint', '# @qod sign-in ciba tel:+34666666661'],
  ['an assertion on a token field', '?? body access_token exists'],
  ['a content type', 'Content-Type: application/json'],
  ['an idempotency key', 'Idempotency-Key: 5f1c0a3e'],
  ['a grant type', 'grant_type=client_credentials&scope=qod'],
  ['a public key', '-----BEGIN PUBLIC KEY-----'],
  ['a request line', 'POST {{host}}/sessions HTTP/1.1'],
  ['a comment', '# read the token from the sign-in, never write it here'],
];

describe('request files: secretsInFile', () => {
  describe('flags a literal credential', () => {
    for (const [name, line, what] of flagged) {
      it(name, () => {
        const findings = secretsInFile(line);
        assert.equal(findings.length, 1, JSON.stringify(findings));
        assert.equal(findings[0]?.line, 1);
        assert.match(findings[0]?.what ?? '', what);
      });
    }
  });

  describe('leaves alone what is no credential', () => {
    for (const [name, line] of notFlagged) it(name, () => assert.deepEqual(secretsInFile(line), []));
  });

  it('never echoes the secret', () => {
    const secrets = [TOKEN, 'YWxpY2U6c2VjcmV0', 's3cr3t', 'dBjftJeZ4CVP', '1c266114-a1be-4252-8ad1-04986c5b9ac1', 'abcdef'];
    const messages = flagged.flatMap(([, line]) => secretsInFile(line).map((finding) => finding.what));
    for (const secret of secrets) for (const message of messages) assert.ok(!message.includes(secret), `${message} echoes ${secret}`);
  });

  it('gives the line of each finding in a whole file (CRLF, BOM)', () => {
    const text = [
      '\ufeff@host = http://localhost:9000',
      '# @qod sign-in ciba tel:+34666666661',
      '',
      '### Create',
      'POST {{host}}/sessions',
      'Authorization: Bearer {{$qod.accessToken}}',
      '',
      '{ "qosProfile": "QOS_E" }',
      '',
      '###',
      'POST {{host}}/token',
      `Authorization: Bearer ${TOKEN}`,
      '',
      'grant_type=refresh_token&refresh_token=abc',
      '-----BEGIN EC PRIVATE KEY-----',
      'MHcCAQEEIB',
      '-----END EC PRIVATE KEY-----',
    ].join('\r\n');
    assert.deepEqual(
      secretsInFile(text).map((finding) => finding.line),
      [12, 14, 15],
    );
  });

  it('a file with no secret gives nothing; hostile text does not throw', () => {
    assert.deepEqual(secretsInFile(''), []);
    assert.deepEqual(secretsInFile(42 as unknown as string), []);
    assert.deepEqual(secretsInFile('\u0000'.repeat(100_000)), []);
    assert.equal(secretsInFile(`x=${'{'.repeat(100_000)}`).length, 0);
    assert.equal(secretsInFile(`Authorization:${' '.repeat(100_000)}Bearer x`).length, 1);
  });
});
