import { literal, SECRET_ENV, type SnippetRequest } from './model';

export function pythonSnippet(r: SnippetRequest): string {
  const basic = r.clientAuth === 'client_secret_basic';
  const signIn = r.flow === 'ciba'
    ? `    # 1. CIBA: ask the operator to authenticate the subscriber, then poll the token endpoint.
    start = token(${literal(r.bcAuthorizeEndpoint ?? '')}, {"login_hint": ${literal(r.loginHint ?? '')}, "scope": ${literal(r.scope)}})
    if "auth_req_id" not in start:
        sys.exit(f"bc-authorize failed: {start}")
    interval = start.get("interval", 5)
    deadline = time.time() + start["expires_in"]
    access_token = None
    while access_token is None:
        time.sleep(interval)
        if time.time() >= deadline:
            sys.exit("the request expired before approval")
        poll = token(${literal(r.tokenEndpoint)}, {"grant_type": "urn:openid:params:grant-type:ciba", "auth_req_id": start["auth_req_id"]})
        if "access_token" in poll:
            access_token = poll["access_token"]
        elif poll.get("error") == "slow_down":
            interval += 5  # for this and every later poll
        elif poll.get("error") != "authorization_pending":
            sys.exit(f"sign-in failed: {poll}")`
    : `    # 1. Client credentials (2-legged): the device goes in the request body.
    reply = token(${literal(r.tokenEndpoint)}, {"grant_type": "client_credentials", "scope": ${literal(r.scope)}})
    access_token = reply.get("access_token")
    if not access_token:
        sys.exit(f"sign-in failed: {reply}")`;
  const body = r.body === undefined ? '' : `\n        json=json.loads(${literal(JSON.stringify(r.body))}),`;
  return `# QoD: ${r.method} ${r.url}
# Run: ${SECRET_ENV}=... python3 qod_example.py   (pip install requests)
import json
import os
import sys
import time
import uuid

import requests

CLIENT_ID = ${literal(r.clientId)}
CLIENT_SECRET = os.environ.get("${SECRET_ENV}") or sys.exit("set ${SECRET_ENV}")


def token(url, fields):
${basic
    ? '    response = requests.post(url, data=fields, auth=(CLIENT_ID, CLIENT_SECRET), timeout=30)'
    : '    response = requests.post(url, data={**fields, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}, timeout=30)'}
    return response.json()


def main():
${signIn}

    # 2. The QoD call, with an x-correlator to find it in the provider's logs.
    response = requests.request(
        ${literal(r.method)},
        ${literal(r.url)},
        headers={"Authorization": f"Bearer {access_token}", "x-correlator": str(uuid.uuid4())},${body}
        timeout=30,
    )
    print(response.text)
    print(f"HTTP {response.status_code}")


if __name__ == "__main__":
    main()
`;
}
