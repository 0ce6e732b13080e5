import { SECRET_ENV, shellQuote, type SnippetRequest } from './model';

export function curlSnippet(r: SnippetRequest): string {
  const auth = r.clientAuth === 'client_secret_basic'
    ? `-u "${r.clientId}:$${SECRET_ENV}"`
    : `--data-urlencode ${shellQuote(`client_id=${r.clientId}`)} --data-urlencode "client_secret=$${SECRET_ENV}"`;
  const field = (name: string) => `sed -n 's/.*"${name}": *"\\{0,1\\}\\([^",}]*\\).*/\\1/p'`;
  const signIn = r.flow === 'ciba'
    ? `# 1. CIBA: ask the operator to authenticate the subscriber, then poll the token endpoint.
start=$(curl -sS ${auth} --data-urlencode ${shellQuote(`login_hint=${r.loginHint ?? ''}`)} --data-urlencode ${shellQuote(`scope=${r.scope}`)} ${shellQuote(r.bcAuthorizeEndpoint ?? '')})
auth_req_id=$(printf '%s' "$start" | ${field('auth_req_id')})
interval=$(printf '%s' "$start" | ${field('interval')}); interval=\${interval:-5}
expires_in=$(printf '%s' "$start" | ${field('expires_in')})
[ -n "$auth_req_id" ] || { echo "bc-authorize failed: $start" >&2; exit 1; }
deadline=$(( $(date +%s) + \${expires_in:-120} ))
while :; do
  sleep "$interval"
  [ "$(date +%s)" -lt "$deadline" ] || { echo "the request expired before approval" >&2; exit 1; }
  reply=$(curl -sS ${auth} --data-urlencode 'grant_type=urn:openid:params:grant-type:ciba' --data-urlencode "auth_req_id=$auth_req_id" ${shellQuote(r.tokenEndpoint)})
  access_token=$(printf '%s' "$reply" | ${field('access_token')})
  [ -n "$access_token" ] && break
  case "$(printf '%s' "$reply" | ${field('error')})" in
    authorization_pending) ;;
    slow_down) interval=$((interval + 5)) ;;  # for this and every later poll
    *) echo "sign-in failed: $reply" >&2; exit 1 ;;
  esac
done`
    : `# 1. Client credentials (2-legged): the device goes in the request body.
reply=$(curl -sS ${auth} --data-urlencode 'grant_type=client_credentials' --data-urlencode ${shellQuote(`scope=${r.scope}`)} ${shellQuote(r.tokenEndpoint)})
access_token=$(printf '%s' "$reply" | ${field('access_token')})
[ -n "$access_token" ] || { echo "sign-in failed: $reply" >&2; exit 1; }`;
  const body = r.body === undefined ? '' : ` \\\n  -H 'Content-Type: application/json' \\\n  --data ${shellQuote(JSON.stringify(r.body))}`;
  return `#!/usr/bin/env bash
# QoD: ${r.method} ${r.url}
# Set the client secret in the environment first: export ${SECRET_ENV}=...
set -euo pipefail
: "\${${SECRET_ENV}:?set ${SECRET_ENV}}"

${signIn}

# 2. The QoD call, with an x-correlator to find it in the provider's logs.
curl -sS -X ${r.method} ${shellQuote(r.url)} \\
  -H "Authorization: Bearer $access_token" \\
  -H "x-correlator: $(cat /proc/sys/kernel/random/uuid 2>/dev/null || date +%s%N)" \\
  -w '\\nHTTP %{http_code}\\n'${body}
`;
}
