// `npm run sandbox` / `npm start`: runs the embedded operator and prints how to use it.
import { parseArgs } from 'node:util';
import { DEMO_CLIENTS } from '../sandbox/demo-clients';
import { startSandbox } from '../sandbox/server';
import { BEHAVIOUR_TABLE } from '../sandbox/subscribers';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.QOD_SANDBOX_PORT ?? '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'v0-flavour': { type: 'string', default: 'v0.10' },
    },
  });
  const v0Flavour = values['v0-flavour'];
  if (v0Flavour !== 'v0.8' && v0Flavour !== 'v0.10') throw new Error('--v0-flavour must be v0.8 or v0.10');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be an integer 0..65535');

  const sandbox = await startSandbox({
    host: values.host,
    port,
    v0Flavour,
    onNotification: (r) => console.log(`notification ${r.ok ? 'delivered' : 'failed'}: session ${r.sessionId} → ${r.url} (${r.attempts} attempt(s)${r.status ? `, HTTP ${r.status}` : ''})`),
  });
  const lines = [
    '',
    `QoD sandbox running at ${sandbox.url}`,
    '',
    `  OpenID discovery   ${sandbox.urls.discovery}`,
    `  QoD v1             ${sandbox.urls.qodV1}`,
    `  QoS profiles v1    ${sandbox.urls.qosProfilesV1}`,
    `  QoD /qod/v0        ${sandbox.urls.qodV0}  (${v0Flavour}; also ${sandbox.urls.qodV0_8} and ${sandbox.urls.qodV0_10})`,
    '',
    'Demo clients (sandbox only):',
    ...DEMO_CLIENTS.map((c) => `  ${c.clientId.padEnd(16)} ${(c.clientSecret ?? '-').padEnd(22)} ${c.authMethod.padEnd(20)} ${c.note}`),
    '',
    'Device behaviour by the last digit of the phone number or IP address:',
    ...BEHAVIOUR_TABLE.map((row) => `  ${row.digits.padEnd(4)} CIBA: ${row.ciba}; QoD: ${row.qod}`),
    '',
    'Try it:',
    `  curl -s -u qod-demo:qod-demo-secret -d login_hint=tel:+34666666661 -d 'scope=dpv:RequestedServiceProvision#qod' ${sandbox.url}/bc-authorize`,
    '',
    'Press Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`qod sandbox: ${(error as Error).message}`);
  process.exit(1);
});
