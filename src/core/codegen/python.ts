import {
  CONNECT_TIMEOUT_SECONDS,
  DEFAULT_TIMEOUT_SECONDS,
  literal,
  loginHintNote,
  MAX_CIBA_WAIT_SECONDS,
  SECRET_ENV,
  TIMEOUT_ENV,
  TOKEN_FIELDS,
  unreachableAdvice,
  targetsLine,
  type SnippetRequest,
} from './model';

// Every value of the request is a JSON literal (a valid Python string), in code and in comments alike.
// A backslash ending a line inside a template joins it to the next: the generated line stays whole, this source stays under 140.
export function pythonSnippet(r: SnippetRequest): string {
  const basic = r.clientAuth === 'client_secret_basic';
  const signIn =
    r.flow === 'ciba'
      ? `    # 1. CIBA: ask the operator to authenticate the subscriber, then poll the token endpoint.
    status, start = token(${literal(r.bcAuthorizeEndpoint ?? '')}, {"login_hint": ${literal(r.loginHint ?? '')}, \
"scope": ${literal(r.scope)}})
    if not 200 <= status < 300 or "auth_req_id" not in start:
        sys.exit(f"bc-authorize failed: HTTP {status} {masked(start)}")
    interval = bounded(start.get("interval"), 5, 1, 60)
    deadline = time.time() + bounded(start.get("expires_in"), 120, 1, ${MAX_CIBA_WAIT_SECONDS})
    access_token = None
    while access_token is None:
        time.sleep(interval)
        if time.time() >= deadline:
            sys.exit("the request expired before approval")
        status, poll = token(${literal(r.tokenEndpoint)}, {"grant_type": "urn:openid:params:grant-type:ciba", \
"auth_req_id": start["auth_req_id"]})
        if 200 <= status < 300 and poll.get("access_token"):
            access_token = poll["access_token"]
        elif poll.get("error") == "slow_down":
            interval = bounded(interval + 5, 5, 1, 60)  # for this and every later poll
        elif poll.get("error") != "authorization_pending":
            sys.exit(f"sign-in failed: HTTP {status} {masked(poll)}")`
      : `    # 1. Client credentials (2-legged): the device goes in the request body.
    status, reply = token(${literal(r.tokenEndpoint)}, {"grant_type": "client_credentials", "scope": ${literal(r.scope)}})
    access_token = reply.get("access_token")
    if not 200 <= status < 300 or not access_token:
        sys.exit(f"sign-in failed: HTTP {status} {masked(reply)}")`;
  const body = r.body === undefined ? '' : `\n        json=json.loads(${literal(JSON.stringify(r.body))}),`;
  const note = loginHintNote(r)
    .map((line) => `# ${line}\n`)
    .join('');
  return `# QoD: ${r.method} ${literal(r.url)}
${targetsLine(r, '#')}# Run: ${SECRET_ENV}=... python3 qod_example.py   (pip install requests)
# Exits non-zero, with the status and body, when a step answers anything but 2xx.
# Each request gives up after ${DEFAULT_TIMEOUT_SECONDS} s (or ${TIMEOUT_ENV}).
${note}import json
import os
import sys
import time
import uuid
from urllib.parse import urlsplit

import requests


def seconds(text, default):
    """A positive number of seconds, or the default."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return default
    return value if 0 < value < float("inf") else default


CLIENT_ID = ${literal(r.clientId)}
CLIENT_SECRET = os.environ.get("${SECRET_ENV}") or sys.exit("set ${SECRET_ENV}")
TIMEOUT = seconds(os.environ.get("${TIMEOUT_ENV}"), ${DEFAULT_TIMEOUT_SECONDS})
UNREACHABLE = ${literal(unreachableAdvice(r))}
TOKEN_FIELDS = (${TOKEN_FIELDS.map((f) => literal(f)).join(', ')})


def send(method, url, **kwargs):
    """requests, with a failure to get an answer said in one line instead of a stack trace."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    try:
        return requests.request(method, url, timeout=(min(${CONNECT_TIMEOUT_SECONDS}, TIMEOUT), TIMEOUT), **kwargs)
    except requests.exceptions.Timeout:
        sys.exit(f"{origin} did not answer within {TIMEOUT:g} s. {UNREACHABLE}")
    except requests.exceptions.ConnectionError as error:
        if "refused" in str(error).lower():
            sys.exit(f"Nothing is listening at {origin} (connection refused). {UNREACHABLE}")
        sys.exit(f"Could not reach {origin}: {error}. {UNREACHABLE}")


def token(url, fields):
    """The token endpoint's status and answer, always a dict (its text, or a JSON answer that is not an object, wrapped)."""
${
  basic
    ? '    response = send("POST", url, data=fields, auth=(CLIENT_ID, CLIENT_SECRET))'
    : '    response = send("POST", url, data={**fields, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET})'
}
    try:
        answer = response.json()
    except ValueError:
        return response.status_code, {"text": response.text}
    return response.status_code, answer if isinstance(answer, dict) else {"answer": answer}


def masked(answer):
    """The answer to print for a failed step, its tokens masked (a token is never printed)."""
    return {key: "***" if key in TOKEN_FIELDS else value for key, value in answer.items()}


def bounded(value, default, low, high):
    """A number of seconds from the provider (the default when it is not a number), kept within low..high."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        value = default
    return min(max(value, low), high)


def main():
${signIn}

    # 2. The QoD call, with an x-correlator to find it in the provider's logs.
    response = send(
        ${literal(r.method)},
        ${literal(r.url)},
        headers={"Authorization": f"Bearer {access_token}", "x-correlator": str(uuid.uuid4())},${body}
    )
    if not 200 <= response.status_code < 300:
        sys.exit(f"the QoD call failed: HTTP {response.status_code}\\n{response.text}")
    print(response.text)
    print(f"HTTP {response.status_code}")


if __name__ == "__main__":
    main()
`;
}
