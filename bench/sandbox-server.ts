// The sandbox as the benchmark's server process: no rate limit, room for every session, URL on stdout.
import { startSandbox } from '../src/sandbox/server';

void startSandbox({ rateLimit: false, maxSessions: 1_000_000 }).then((sandbox) => {
  process.stdout.write(`${sandbox.url}\n`);
  process.on('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
});
