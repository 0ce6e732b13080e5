// The sandbox as the benchmark's server process: no rate limit, room for every session (or the cap given with
// `--max-sessions N`, to measure refusals at the cap), sessions AVAILABLE after the usual delay (or
// `--activation-delay-ms N`), URL on stdout.
import { parseArgs } from 'node:util';
import { startSandbox } from '../src/sandbox/server';

const { values } = parseArgs({
  options: { 'max-sessions': { type: 'string', default: '1000000' }, 'activation-delay-ms': { type: 'string' } },
});
const delay = values['activation-delay-ms'];

void startSandbox({
  rateLimit: false,
  maxSessions: Number(values['max-sessions']),
  ...(delay === undefined ? {} : { activationDelayMs: Number(delay) }),
}).then((sandbox) => {
  process.stdout.write(`${sandbox.url}\n`);
  process.on('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
});
