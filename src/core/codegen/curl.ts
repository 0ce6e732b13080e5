import { loginHintNote, SECRET_ENV, shellQuote, unreachableAdvice, type SnippetRequest } from './model';

export function curlSnippet(r: SnippetRequest): string {
  const auth = r.clientAuth === 'client_secret_basic'
    ? `-u "${r.clientId}:$${SECRET_ENV}"`
    : `--data-urlencode ${shellQuote(`client_id=${r.clientId}`)} --data-urlencode "client_secret=$${SECRET_ENV}"`;
  const field = (name: string) => `sed -n 's/.*"${name}": *"\\{0,1\\}\\([^",}]*\\).*/\\1/p'`;
  const signIn = r.flow === 'ciba'
    ? `# 1. CIBA: ask the operator to authenticate the subscriber, then poll the token endpoint.
request ${shellQuote(r.bcAuthorizeEndpoint ?? '')} ${auth} --data-urlencode ${shellQuote(`login_hint=${r.loginHint ?? ''}`)} --data-urlencode ${shellQuote(`scope=${r.scope}`)}
auth_req_id=$(printf '%s' "$body" | ${field('auth_req_id')})
interval=$(printf '%s' "$body" | ${field('interval')}); interval=\${interval:-5}
expires_in=$(printf '%s' "$body" | ${field('expires_in')})
[ "$status" = 200 ] && [ -n "$auth_req_id" ] || { echo "bc-authorize failed: HTTP $status $body" >&2; exit 1; }
deadline=$(( $(date +%s) + \${expires_in:-120} ))
while :; do
  sleep "$interval"
  [ "$(date +%s)" -lt "$deadline" ] || { echo "the request expired before approval" >&2; exit 1; }
  request ${shellQuote(r.tokenEndpoint)} ${auth} --data-urlencode 'grant_type=urn:openid:params:grant-type:ciba' --data-urlencode "auth_req_id=$auth_req_id"
  access_token=$(printf '%s' "$body" | ${field('access_token')})
  [ "$status" = 200 ] && [ -n "$access_token" ] && break
  case "$(printf '%s' "$body" | ${field('error')})" in
    authorization_pending) ;;
    slow_down) interval=$((interval + 5)) ;;  # for this and every later poll
    *) echo "sign-in failed: HTTP $status $body" >&2; exit 1 ;;
  esac
done`
    : `# 1. Client credentials (2-legged): the device goes in the request body.
request ${shellQuote(r.tokenEndpoint)} ${auth} --data-urlencode 'grant_type=client_credentials' --data-urlencode ${shellQuote(`scope=${r.scope}`)}
access_token=$(printf '%s' "$body" | ${field('access_token')})
[ "$status" = 200 ] && [ -n "$access_token" ] || { echo "sign-in failed: HTTP $status $body" >&2; exit 1; }`;
  const body = r.body === undefined ? '' : ` \\\n  -H 'Content-Type: application/json' \\\n  --data ${shellQuote(JSON.stringify(r.body))}`;
  const note = loginHintNote(r).map((line) => `# ${line}\n`).join('');
  return `#!/usr/bin/env bash
# QoD: ${r.method} ${r.url}
# Set the client secret in the environment first: export ${SECRET_ENV}=...
# Exits non-zero, with the status and body, when a step answers anything but 2xx.
${note}set -euo pipefail
: "\${${SECRET_ENV}:?set ${SECRET_ENV}}"

# One request: sets $status and $body. A connection failure stops the script with one line saying so.
request() {
  local url=$1 out code=0
  shift
  out=$(curl -sS --max-time 30 -w '\\n%{http_code}' "$@" "$url") || code=$?
  if [ "$code" != 0 ]; then
    local origin
    origin=$(printf '%s' "$url" | sed -E 's#^([a-z]+://[^/]+).*#\\1#')
    if [ "$code" = 7 ]; then echo "Nothing is listening at $origin (could not connect). ${unreachableAdvice(r)}" >&2
    else echo "Could not reach $origin (curl exit $code). ${unreachableAdvice(r)}" >&2; fi
    exit 1
  fi
  status=\${out##*$'\\n'}
  body=\${out%$'\\n'*}
}

${signIn}

# 2. The QoD call, with an x-correlator to find it in the provider's logs.
request ${shellQuote(r.url)} -X ${r.method} \\
  -H "Authorization: Bearer $access_token" \\
  -H "x-correlator: $(cat /proc/sys/kernel/random/uuid 2>/dev/null || date +%s%N)"${body}
case "$status" in
  2??) printf '%s\\n' "$body"; echo "HTTP $status" ;;
  *) printf 'the QoD call failed: HTTP %s\\n%s\\n' "$status" "$body" >&2; exit 1 ;;
esac
`;
}
