import { literal, loginHintNote, SECRET_ENV, unreachableAdvice, type SnippetRequest } from './model';

export function pythonSnippet(r: SnippetRequest): string {
  const basic = r.clientAuth === 'client_secret_basic';
  const signIn = r.flow === 'ciba'
    ? `    # 1. CIBA: ask the operator to authenticate the subscriber, then poll the token endpoint.
    status, start = token(${literal(r.bcAuthorizeEndpoint ?? '')}, {"login_hint": ${literal(r.loginHint ?? '')}, "scope": ${literal(r.scope)}})
    if status != 200 or "auth_req_id" not in start:
        sys.exit(f"bc-authorize failed: HTTP {status} {start}")
    interval = start.get("interval", 5)
    deadline = time.time() + start.get("expires_in", 120)
    access_token = None
    while access_token is None:
        time.sleep(interval)
        if time.time() >= deadline:
            sys.exit("the request expired before approval")
        status, poll = token(${literal(r.tokenEndpoint)}, {"grant_type": "urn:openid:params:grant-type:ciba", "auth_req_id": start["auth_req_id"]})
        if status == 200 and "access_token" in poll:
            access_token = poll["access_token"]
        elif poll.get("error") == "slow_down":
            interval += 5  # for this and every later poll
        elif poll.get("error") != "authorization_pending":
            sys.exit(f"sign-in failed: HTTP {status} {poll}")`
    : `    # 1. Client credentials (2-legged): the device goes in the request body.
    status, reply = token(${literal(r.tokenEndpoint)}, {"grant_type": "client_credentials", "scope": ${literal(r.scope)}})
    access_token = reply.get("access_token")
    if status != 200 or not access_token:
        sys.exit(f"sign-in failed: HTTP {status} {reply}")`;
  const body = r.body === undefined ? '' : `\n        json=json.loads(${literal(JSON.stringify(r.body))}),`;
  const note = loginHintNote(r).map((line) => `# ${line}\n`).join('');
  return `# QoD: ${r.method} ${r.url}
# Run: ${SECRET_ENV}=... python3 qod_example.py   (pip install requests)
# Exits non-zero, with the status and body, when a step answers anything but 2xx.
${note}import json
import os
import sys
import time
import uuid
from urllib.parse import urlsplit

import requests

CLIENT_ID = ${literal(r.clientId)}
CLIENT_SECRET = os.environ.get("${SECRET_ENV}") or sys.exit("set ${SECRET_ENV}")
UNREACHABLE = ${literal(unreachableAdvice(r))}


def send(method, url, **kwargs):
    """requests, with a connection failure said in one line instead of a stack trace."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    try:
        return requests.request(method, url, timeout=30, **kwargs)
    except requests.exceptions.ConnectionError as error:
        if "refused" in str(error).lower():
            sys.exit(f"Nothing is listening at {origin} (connection refused). {UNREACHABLE}")
        sys.exit(f"Could not reach {origin}: {error}. {UNREACHABLE}")
    except requests.exceptions.Timeout:
        sys.exit(f"{origin} did not answer within 30 s. {UNREACHABLE}")


def token(url, fields):
    """The token endpoint's status and answer (its text when the answer is not JSON)."""
${basic
    ? '    response = send("POST", url, data=fields, auth=(CLIENT_ID, CLIENT_SECRET))'
    : '    response = send("POST", url, data={**fields, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET})'}
    try:
        return response.status_code, response.json()
    except ValueError:
        return response.status_code, {"text": response.text}


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
