// `qod <command> --help`: what each command takes, so a user never has to provoke an error to learn it. The list
// of operations comes from the core's operation table, so a new operation is in the help with no change here.
import { OPERATION_TABLE, type OperationTable } from '../core/operations';
import { operationLines } from './operation-words';

const COMMON = `Common options:
  --env sandbox|telefonica|custom   which provider (default: sandbox; --url <sandbox URL> or QOD_SANDBOX_URL)
  --flavour v1|v1.2|v0.10|v0.8  --client-id  --auth-method  --scope  --issuer  --api-base
  --json      print JSON (the normalised view); add --raw for the provider's own answer (redacted)
  --verbose   print every HTTP exchange (redacted, at most 4 KiB of a body) to stderr
  --timeout <seconds>       the deadline of each request (default 30; QOD_HTTP_TIMEOUT_SECONDS)
  --max-response-bytes <n>  the largest answer read (default 4 MiB; QOD_HTTP_MAX_RESPONSE_BYTES)
Secrets: QOD_CLIENT_SECRET or QOD_PRIVATE_KEY, or a hidden prompt; never on the command line.
Tokens: the session commands sign in with the login options, or use QOD_ACCESS_TOKEN.`;

const HELP: Record<string, string> = {
  sandbox: `qod sandbox [--port N] [--v0-flavour v0.10|v0.8] [--host H --allow-remote --public-url URL]
  Runs the embedded operator sandbox (authorization server and QoD API) until Ctrl+C.
  --port N           the port (default: a free one; QOD_SANDBOX_PORT)
  --v0-flavour       what /qod/v0 speaks: v0.10 (default) or v0.8
  --host H           another address than loopback; needs --allow-remote (the demo credentials are public)
  --public-url URL   the address other machines use (issuer and every printed URL)
  --allow-sink-host H  a notification sink host, address or CIDR range a sandbox others reach may post to
  --rate-limit N|off requests a second per client (default 50, bursts of twice that); off for load tests
  --max-sessions N   live sessions at once (default 10000)
  --network D=S      what the network does to device D's sessions (repeatable): available-after:10s,
                     unavailable-on-create, network-ends:30s, profile-withdrawn:20s (comma-combined)
  --operators        several operators instead of one (Azul Mobile +34…, Verde Telecom +44…), each with its own
                     issuer, ranges and QoS profiles, and a Telco Finder routing a device to its operator
                     (--port is then the finder's; loopback only)`,
  login: `qod login --ciba --hint tel:+34666666661 [--print-token]
qod login --code [--hint …]     qod login --client-credentials
  Signs in and prints who and until when (--print-token: only the access token, for QOD_ACCESS_TOKEN).
  --ciba               backend flow: the operator asks the subscriber, qod polls
  --code               authorization code with PKCE: open the printed URL in a browser
  --client-credentials 2-legged: the application alone; sessions then name the device
  --hint               the login_hint: tel:+<E.164>, ipport:<IPv4>[:port] or ipport:[<IPv6>][:port]

${COMMON}`,
  session: `qod session create --phone +34666666661 --as 198.51.100.10 --profile QOS_E --duration 600
                   [--body '{…}' | --body @file.json | --body - (stdin)]
qod session get <id>        qod session delete <id>
qod session extend <id> --seconds 300
qod session list [--phone +34666666661]
  create   --phone or --ipv4/--ipv6 (the device; left out with a 3-legged sign-in), --as (application server),
           --profile, --duration (seconds), --sink URL (notifications); or the whole body with --body;
           --wait: until the session is AVAILABLE (or refused), at most 60 s
  extend   --seconds: the additional duration (the provider caps the total at the profile's maximum)
  list     the device's sessions (QoD v1)

${COMMON}`,
  mcp: `qod mcp [--env sandbox|telefonica|custom …]
  Serves the QoD tools (status, profiles, create/get/extend/delete a session, a device's sessions, error codes)
  to an AI agent over MCP on stdin/stdout. Credentials only from the environment, never prompted:
  QOD_ACCESS_TOKEN (e.g. from qod login --ciba … --print-token) for a 3-legged sign-in, or QOD_CLIENT_SECRET /
  QOD_PRIVATE_KEY for 2-legged use (the sandbox needs nothing). Logs go to stderr.

${COMMON}`,
  run: `qod run <files or folders> [--variables <name>] [--reporter text|junit|tap|json] [--out <file>]
  Runs request files (*.http; folders are searched) with their assertions: exit 0 when every request passes,
  1 when one fails, 2 for usage or a file that does not parse (then nothing is sent).
  Sign-in: the file's # @qod sign-in line (--hint when it names no device), else --ciba/--code/--client-credentials
  [--hint], or QOD_ACCESS_TOKEN.
  --variables NAME  the environment of http-client.env.json (beside the file or above it) to fill placeholders;
               its "$shared" values hold always, the file's own @name = lines override both
  --reporter   text (default), junit (XML for CI), tap or json
  --out FILE   write the report there (a text summary still goes to stdout)

${COMMON}`,
  import: `qod import <collection.json | openapi.yaml> [environment.json…] --out <folder> [--flavour v1|v1.2|v0.10|v0.8] [--force]
  Writes request files from a Postman collection v2.1 (a file per folder; its client auth becomes a sign-in line,
  its credentials and scripts are not copied; Postman environments given with it become http-client.env.json, for
  qod run --variables) or a CAMARA OpenAPI file (the starter file of its flavour), and prints what was not imported.
  Existing files are kept unless --force. Exit 0 written, 2 usage or unreadable input.`,
  check: `qod check [--api qod|profiles|provisioning] [--release r3.2|r4.1] [--reporter text|junit|json|md] [--out FILE]
  Runs CAMARA's test-definition scenarios (this project's own encoding of r3.2: QoD 1.1.0, QoS Profiles 1.1.0,
  QoS Provisioning 0.3.0; r4.1: 1.2.0-rc.3, 1.2.0-rc.3, 0.4.0-rc.1) against the environment and prints, per API and
  version, how many passed, failed, were skipped (with what they need) and where a test file contradicts its API
  definition (the definition wins). Exit 0 when none failed, 1 when one did, 2 for usage.
  --release    r3.2 or r4.1; by default the flavour's (v1 → r3.2, v1.2 → r4.1)
  --reporter   text (default), junit (XML for CI), json or md; --out FILE writes it there (the counts still print)
  Against the sandbox it uses its deterministic devices and demo clients. Against an operator, supply what it can:
  --device +34… (a consenting test device), --hint tel:+34… (3-legged sign-in by CIBA), --sink https://… (a sink the
  operator can reach), --second-client-id ID with QOD_SECOND_CLIENT_SECRET, QOD_EXPIRED_TOKEN. Rate-limit scenarios
  run only against the sandbox.

${COMMON}`,
  profiles: `qod profiles [--name QOS_E] [--status ACTIVE|INACTIVE|DEPRECATED]
  Lists the provider's QoS profiles with their status (one profile with --name alone).
qod profiles advise --latency 50ms --jitter 10ms --up 2Mbps --down 4Mbps --loss 1e-3 --duration 10m
                    [--device +34666666661] [--profile-file app-profile.json]
  Recommends, per operator (every operator of an aggregator), the QoS profile that best fits what the app needs,
  with its reasons: each need met (by what margin), unmet (and what relaxing it would fit) or not stated.
  --latency, --jitter   at most (ms, s, us)        --up, --down   at least (bps, kbps, Mbps, Gbps, Tbps)
  --loss      at most: 1e-3, 0.1% or 10^-3          --duration     how long a session lasts (s, m, h)
  --device    the device's phone number or IP address (sent where the profiles API takes one: QoD v1, v1.2)
  --profile-file  a CAMARA Application Profile (networkQualityThresholds) instead of the need flags
  Exit 0 every operator advised (fitting or not), 1 an operator could not be read, 2 invalid input.

${COMMON}`,
};

/** The help of a command, or undefined for a command qod does not have. */
export function helpFor(command: string, table: OperationTable = OPERATION_TABLE): string | undefined {
  const written = Object.hasOwn(HELP, command) ? HELP[command] : undefined;
  // The operations of this command that the written help does not show: their lines, each taking its body as JSON.
  const more = Object.fromEntries(
    Object.entries(table).filter(([, spec]) => spec.command.split(' ')[0] === command && !written?.includes(`qod ${spec.command}`)),
  );
  if (Object.keys(more).length === 0) return written;
  const lines = `${operationLines(more)}\n  --body '{…}' | --body @file.json | --body - (stdin)   the request body (JSON)`;
  return written ? written.replace('\n\nCommon options:', `\n\n${lines}\n\nCommon options:`) : `${lines}\n\n${COMMON}`;
}

/** `qod --help`: the examples, every operation of the table, the common options. */
export function usage(table: OperationTable = OPERATION_TABLE): string {
  return USAGE.replace(
    '\nCommon options:',
    `\nEvery operation (qod <command> --help for its options):\n${operationLines(table)}\n\nCommon options:`,
  );
}

const USAGE = `qod: the QoD Playground command line

  qod sandbox [--port N] [--v0-flavour v0.10|v0.8]        run the embedded operator sandbox (loopback;
              [--host H --allow-remote --public-url URL]   other machines only when asked, with a warning)
  qod login --ciba --hint tel:+34666666661 [--print-token] sign in (also --code, --client-credentials)
  qod session create --phone +34666666661 --as 198.51.100.10 --profile QOS_E --duration 600
                     [--body '{…}' | --body @file.json | --body - (stdin)]
  qod session get|delete <id>      qod session extend <id> --seconds 300
  qod session list [--phone …]     qod profiles [--name QOS_E] [--status ACTIVE]
  qod profiles advise --latency 50ms --up 2Mbps [--device +34…]   the profile that fits the app's needs, per operator
  qod mcp                          the QoD tools as an MCP server over stdio, for AI agents
  qod run <files or folders> [--reporter junit --out report.xml]   run request files (*.http) and their assertions
  qod import <collection.json | openapi.yaml> --out <folder>     request files from Postman or OpenAPI
  qod check [--api qod] [--release r4.1] [--reporter junit --out check.xml]   run CAMARA's test scenarios here

Common options: --env sandbox|telefonica|custom  --url <sandbox URL> (or QOD_SANDBOX_URL)
  --flavour v1|v1.2|v0.10|v0.8  --client-id  --auth-method  --scope  --issuer  --api-base  --json [--raw]  --verbose
Secrets: QOD_CLIENT_SECRET or QOD_PRIVATE_KEY, or a hidden prompt; never on the command line.
Tokens: session commands sign in with the login options, or use QOD_ACCESS_TOKEN (from qod login --print-token).
Exit codes: 0 ok, 1 API error, 2 usage or invalid input, 3 sign-in failed, 4 network failure, 130 cancelled.
Each command's options: qod <command> --help      The version: qod --version`;
