// Whether a sign-in names the device. A 3-legged flow (CIBA, authorization code) asks a subscriber to consent,
// so its token is issued for one device (the login_hint it was given); client credentials (2-legged) is the
// application alone, and the request must name the device itself. Every face asks here. Pure: the webview
// imports it too.
import type { Flow } from './token-set';

/** True for CIBA and the authorization code flow; false for client credentials and for no sign-in. */
export function isThreeLegged(flow: Flow | string | undefined): boolean {
  return flow !== undefined && flow !== 'client_credentials';
}

/** The device a sign-in's token names: its subject when it is 3-legged, none otherwise. */
export function signedInDevice(signedIn: { flow: Flow; subject?: string } | undefined): string | undefined {
  return signedIn && isThreeLegged(signedIn.flow) ? signedIn.subject : undefined;
}
