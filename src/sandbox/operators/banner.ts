// What `qod sandbox --operators` prints: the Telco Finder, then each operator with its issuer, API root, ranges,
// catalogue and an example number, and how to try routing.
import type { OperatorNetwork } from './network';

/** An example phone number of the operator's first prefix (ending in 1: approved, sessions work). */
export function exampleNumber(prefix: string): string {
  return `${prefix}${'666666661'}`;
}

export function operatorNetworkBanner(network: OperatorNetwork): string[] {
  const lines = [
    '',
    `Several operators, routed by a Telco Finder at ${network.finderUrl}`,
    `  POST ${network.finderUrl}/telco-finder/v1/search  {"target":{"phoneNumber":"+34666666661"}} (or ipv4Address, ipv6Address)`,
    `  GET  ${network.finderUrl}/telco-finder/v1/operators`,
    '',
  ];
  for (const o of network.operators) {
    const example = o.phonePrefixes[0] === undefined ? undefined : exampleNumber(o.phonePrefixes[0]);
    lines.push(
      `${o.name} (${o.id})`,
      `  issuer and API root  ${o.sandbox.url}`,
      `  QoD v1               ${o.sandbox.urls.qodV1}   QoS profiles v1 ${o.sandbox.urls.qosProfilesV1}`,
      `  serves               ${[...o.phonePrefixes.map((p) => `${p}…`), ...o.ipv4Ranges, ...o.ipv6Ranges].join(', ')}`,
      `  QoS profiles         ${o.profileNames.join(', ')}`,
      ...(example ? [`  example device       ${example} → ${o.id}`] : []),
      '',
    );
  }
  lines.push(
    'Every operator knows only its own devices (any other is 404 IDENTIFIER_NOT_FOUND, or unknown_user_id at sign-in);',
    'inside its ranges the last digit decides as in the single sandbox. The demo clients and secrets are the same at each.',
    '',
    'Try it:',
    `  export QOD_TELCO_FINDER=${network.finderUrl}`,
    `  node dist/qod.js session create --env aggregator --phone +44666666661 --as 198.51.100.10 --profile VERDE_REALTIME --duration 600`,
    `  curl -s -X POST ${network.finderUrl}/telco-finder/v1/search -H 'content-type: application/json' \\`,
    `    -d '{"target":{"phoneNumber":"+44666666661"}}'`,
    '',
    'Press Ctrl-C to stop.',
  );
  return lines;
}
