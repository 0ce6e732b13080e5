// One table of explanations for the choreography of QoD: who takes part (the lanes of the sequence diagram)
// and what each kind of step means. The playground's diagram and its explain mode read it, so every face says
// the same.

export type Lane = 'app' | 'auth' | 'device' | 'api' | 'sink';

export const LANES: Readonly<Record<Lane, { title: string; explanation: string }>> = {
  app: { title: 'Your app', explanation: 'This extension here, your backend in production: it signs in and calls the QoD API.' },
  auth: {
    title: 'Operator auth server',
    explanation: "The operator's OpenID provider: it authenticates your app and issues the access token.",
  },
  device: {
    title: 'Device / end user',
    explanation: 'The subscriber and their phone: they consent (CIBA) or are recognised by the mobile network (authorization code).',
  },
  api: { title: 'QoD API', explanation: "The operator's Quality-on-Demand API: sessions of better connectivity for one device." },
  sink: {
    title: 'Notification sink',
    explanation: 'Where the operator posts session status changes (your webhook; a local receiver here).',
  },
};

export type StepKind =
  | 'discovery'
  | 'bc-authorize'
  | 'poll-pending'
  | 'poll-slow-down'
  | 'poll-approved'
  | 'poll-refused'
  | 'consent'
  | 'decline'
  | 'browser'
  | 'network-authentication'
  | 'callback'
  | 'token'
  | 'revocation'
  | 'api'
  | 'notification'
  | 'other';

export const STEP_EXPLANATIONS: Readonly<Record<StepKind, string>> = {
  discovery: "Reads the provider's OpenID configuration: where its endpoints are.",
  'bc-authorize':
    'CIBA starts: your app names the device (login_hint); the operator asks its subscriber and answers an auth_req_id to poll with.',
  'poll-pending': 'CIBA polling: the subscriber has not answered yet (authorization_pending); ask again after the interval.',
  'poll-slow-down': 'slow_down: the app polled sooner than the interval allows; from now on it waits 5 s longer between polls.',
  'poll-approved': 'The subscriber approved: the token endpoint answers with a 3-legged access token that names the device.',
  'poll-refused': 'The CIBA request ended without a token (denied, expired or invalid): start again if needed.',
  consent: 'The subscriber consents on their device: this is what the polling waited for.',
  decline: 'The subscriber declined on their device.',
  browser: "Authorization code flow: the browser is sent to the operator's authorize endpoint (with PKCE and state).",
  'network-authentication':
    'The operator recognises the device from the mobile connection the browser uses (the sandbox asks which device).',
  callback: "The browser comes back to the app's redirect URI with a one-time code.",
  token: "The token endpoint: exchanges a code or the app's own credentials (client credentials, 2-legged) for an access token.",
  revocation: 'Sign Out: the token is revoked at the operator.',
  api: 'A call of the QoD API with the access token: a 3-legged token carries the device, so the body must not name it.',
  notification: 'The operator tells the sink that a session changed status (AVAILABLE, UNAVAILABLE).',
  other: 'Another HTTP exchange.',
};
