import {
  CONNECT_TIMEOUT_SECONDS,
  DEFAULT_TIMEOUT_SECONDS,
  literal,
  loginHintNote,
  MAX_CIBA_WAIT_SECONDS,
  SECRET_ENV,
  shellQuote,
  TIMEOUT_ENV,
  TOKEN_FIELDS,
  unreachableAdvice,
  targetsLine,
  type SnippetRequest,
} from './model';

// Every value of the request is single-quoted (shellQuote) or, in a comment, a JSON literal: none is ever inside
// double quotes, where $(…) and backticks run. Only the secret's variable is expanded, in double quotes.
// A backslash ending a line inside a template joins it to the next: the generated line stays whole, this source stays under 140.
export function curlSnippet(r: SnippetRequest): string {
  const auth =
    r.clientAuth === 'client_secret_basic'
      ? `-u ${shellQuote(`${r.clientId}:`)}"$${SECRET_ENV}"`
      : `--data-urlencode ${shellQuote(`client_id=${r.clientId}`)} --data-urlencode "client_secret=$${SECRET_ENV}"`;
  const field = (name: string) => `sed -n 's/.*"${name}": *"\\{0,1\\}\\([^",}]*\\).*/\\1/p'`;
  const signIn =
    r.flow === 'ciba'
      ? `# 1. CIBA: ask the operator to authenticate the subscriber, then poll the token endpoint.
request ${shellQuote(r.bcAuthorizeEndpoint ?? '')} ${auth} --data-urlencode ${shellQuote(`login_hint=${r.loginHint ?? ''}`)} \
--data-urlencode ${shellQuote(`scope=${r.scope}`)}
auth_req_id=$(printf '%s' "$body" | ${field('auth_req_id')})
ok && [ -n "$auth_req_id" ] || { echo "bc-authorize failed: HTTP $status $(printf '%s' "$body" | masked)" >&2; exit 1; }
# The provider's numbers, as plain whole numbers only (never evaluated as they came) and within bounds.
interval=$(bounded "$(printf '%s' "$body" | ${field('interval')})" 5 1 60)
expires_in=$(bounded "$(printf '%s' "$body" | ${field('expires_in')})" 120 1 ${MAX_CIBA_WAIT_SECONDS})
deadline=$(( $(date +%s) + expires_in ))
while :; do
  sleep "$interval"
  [ "$(date +%s)" -lt "$deadline" ] || { echo "the request expired before approval" >&2; exit 1; }
  request ${shellQuote(r.tokenEndpoint)} ${auth} --data-urlencode 'grant_type=urn:openid:params:grant-type:ciba' \
--data-urlencode "auth_req_id=$auth_req_id"
  access_token=$(printf '%s' "$body" | ${field('access_token')})
  ok && [ -n "$access_token" ] && break
  case "$(printf '%s' "$body" | ${field('error')})" in
    authorization_pending) ;;
    slow_down) interval=$(bounded $((interval + 5)) 5 1 60) ;;  # for this and every later poll
    *) echo "sign-in failed: HTTP $status $(printf '%s' "$body" | masked)" >&2; exit 1 ;;
  esac
done`
      : `# 1. Client credentials (2-legged): the device goes in the request body.
request ${shellQuote(r.tokenEndpoint)} ${auth} --data-urlencode 'grant_type=client_credentials' \
--data-urlencode ${shellQuote(`scope=${r.scope}`)}
access_token=$(printf '%s' "$body" | ${field('access_token')})
ok && [ -n "$access_token" ] || { echo "sign-in failed: HTTP $status $(printf '%s' "$body" | masked)" >&2; exit 1; }`;
  const body = r.body === undefined ? '' : ` \\\n  -H 'Content-Type: application/json' \\\n  --data ${shellQuote(JSON.stringify(r.body))}`;
  const note = loginHintNote(r)
    .map((line) => `# ${line}\n`)
    .join('');
  const tokens = TOKEN_FIELDS.join('|');
  return `#!/usr/bin/env bash
# QoD: ${r.method} ${literal(r.url)}
${targetsLine(r, '#')}# Set the client secret in the environment first: export ${SECRET_ENV}=...
# Exits non-zero, with the status and body, when a step answers anything but 2xx.
# Each request gives up after ${DEFAULT_TIMEOUT_SECONDS} s (or ${TIMEOUT_ENV}).
${note}set -euo pipefail
: "\${${SECRET_ENV}:?set ${SECRET_ENV}}"
timeout=\${${TIMEOUT_ENV}:-${DEFAULT_TIMEOUT_SECONDS}}

# One request: sets $status and $body. A failure to get an answer stops the script with one line saying so
# (curl's own message folded in).
request() {
  local url=$1 out code=0 errors message
  shift
  errors=$(mktemp)
  out=$(curl -sS --connect-timeout ${CONNECT_TIMEOUT_SECONDS} --max-time "$timeout" -w '\\n%{http_code}' \
"$@" --url "$url" 2>"$errors") || code=$?
  message=$(tr -s '\\n' ' ' <"$errors"); rm -f "$errors"
  if [ "$code" != 0 ]; then
    local origin
    origin=$(printf '%s' "$url" | sed -E 's#^([a-z]+://[^/]+).*#\\1#')
    if [ "$code" = 7 ]; then echo "Nothing is listening at $origin (could not connect). ${unreachableAdvice(r)}" >&2
    elif [ "$code" = 28 ]; then echo "$origin did not answer within $timeout s (\${message% }). ${unreachableAdvice(r)}" >&2
    else echo "Could not reach $origin (\${message% }). ${unreachableAdvice(r)}" >&2; fi
    exit 1
  fi
  status=\${out##*$'\\n'}
  body=\${out%$'\\n'*}
}

# Whether the last answer was a 2xx.
ok() { case "$status" in 2??) return 0 ;; *) return 1 ;; esac; }

# The answer with its tokens masked, to print a failed sign-in without handing out a token it carried.
masked() { sed -E 's/("(${tokens})"[[:space:]]*:[[:space:]]*")([^"\\\\]|\\\\.)*/\\1***/g'; }

# $1 if it is a plain whole number, else the default $2; kept within $3..$4.
bounded() {
  local value=$1
  case "$value" in ''|*[!0-9]*) value=$2 ;; esac
  value=$((10#\${value:0:6}))
  if [ "$value" -lt "$3" ]; then value=$3; elif [ "$value" -gt "$4" ]; then value=$4; fi
  echo "$value"
}

${signIn}

# 2. The QoD call, with an x-correlator to find it in the provider's logs.
request ${shellQuote(r.url)} -X ${shellQuote(r.method)} \\
  -H "Authorization: Bearer $access_token" \\
  -H "x-correlator: $(cat /proc/sys/kernel/random/uuid 2>/dev/null || date +%s%N)"${body}
case "$status" in
  2??) printf '%s\\n' "$body"; echo "HTTP $status" ;;
  *) printf 'the QoD call failed: HTTP %s\\n%s\\n' "$status" "$body" >&2; exit 1 ;;
esac
`;
}
