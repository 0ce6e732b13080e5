// The sandbox as the benchmark's server process: no rate limit, room for every session (or the cap given with
// `--max-sessions N`, to measure refusals at the cap), URL on stdout.
import { parseArgs } from 'node:util';
import { startSandbox } from '../src/sandbox/server';

const { values } = parseArgs({ options: { 'max-sessions': { type: 'string', default: '1000000' } } });

void startSandbox({ rateLimit: false, maxSessions: Number(values['max-sessions']) }).then((sandbox) => {
  process.stdout.write(`${sandbox.url}\n`);
  process.on('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
});
