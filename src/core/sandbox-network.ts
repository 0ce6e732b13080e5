// The client of the embedded sandbox's network scripts (`{sandbox}/sandbox/v1/network/devices/{device}`): what the
// sandbox's network does to a device's sessions — `available-after:10s`, `unavailable-on-create`, `network-ends:30s`,
// `profile-withdrawn:20s`, combined with commas. The sandbox owns the grammar and answers a bad script 400 naming the
// field; this client sends over the product's transport (bounded, recorded, redacted) with the sandbox's access
// token, and checks the answer before anyone shows it. For the faces: the playground, request files, the CLI.
import { z } from 'zod';
import { summariseErrorBody } from './camara/error-body';
import { isLoopbackHttpUrl } from './camara/fields';
import { cleanProviderText } from './http/provider-text';
import type { HttpTransport } from './http/transport';

/** What the sandbox says the device's network now does. */
export interface NetworkScriptState {
  /** As the sandbox keys it: `tel:+34666666661`, `ip:203.0.113.5`. */
  device: string;
  /** The script as set, or null: the last-digit conventions decide. */
  script: string | null;
  /** What it will do, in words. */
  description: string;
  /** Profiles the script has withdrawn from the device so far. */
  withdrawnProfiles: string[];
}

export interface SandboxNetworkTarget {
  /** The sandbox's base URL (its issuer). */
  sandboxUrl: string;
  transport: HttpTransport;
  /** Any access token of this sandbox (any scope). */
  accessToken: (signal?: AbortSignal) => Promise<string>;
}

/** The sandbox refused (`status` and CAMARA `code`; the message names the field), or answered something unusable. */
export class SandboxNetworkError extends Error {
  override readonly name = 'SandboxNetworkError';
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

export const NETWORK_CONTROL_PATH = '/sandbox/v1/network/devices';

const STATE = z.object({
  device: z.string().min(1).max(300),
  script: z.string().max(200).nullable(),
  description: z.string().max(4000),
  withdrawnProfiles: z.array(z.string().max(256)).max(100),
});

/** Sets (or replaces) the device's script; answers what the network will now do. */
export function setNetworkScript(
  target: SandboxNetworkTarget,
  device: string,
  script: string,
  signal?: AbortSignal,
): Promise<NetworkScriptState> {
  if (typeof script !== 'string' || !script.trim() || script.length > 200) {
    return Promise.reject(new SandboxNetworkError('script: must be 1 to 200 characters, such as network-ends:30s'));
  }
  return call(target, 'PUT', device, signal, JSON.stringify({ script }));
}

/** The device's script and what it does, in words (script null: none is set). */
export function getNetworkScript(target: SandboxNetworkTarget, device: string, signal?: AbortSignal): Promise<NetworkScriptState> {
  return call(target, 'GET', device, signal);
}

/** Back to the last-digit conventions for the device; profiles it withdrew are offered again. */
export function clearNetworkScript(target: SandboxNetworkTarget, device: string, signal?: AbortSignal): Promise<NetworkScriptState> {
  return call(target, 'DELETE', device, signal);
}

async function call(
  target: SandboxNetworkTarget,
  method: string,
  device: string,
  signal?: AbortSignal,
  body?: string,
): Promise<NetworkScriptState> {
  if (typeof device !== 'string' || !device.trim() || device.length > 300) {
    throw new SandboxNetworkError('device: must be a phone number or an IP address');
  }
  const url = `${target.sandboxUrl.replace(/\/+$/, '')}${NETWORK_CONTROL_PATH}/${encodeURIComponent(device.trim())}`;
  if (!url.startsWith('https://') && !isLoopbackHttpUrl(url)) {
    throw new SandboxNetworkError(
      `${target.sandboxUrl} must use https:// (plain http only on loopback): the access token would travel in clear text`,
    );
  }
  const token = await target.accessToken(signal);
  const answer = await target.transport.send(
    url,
    {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body,
    },
    { kind: 'api', signal },
  );
  // Scrubbed before anything reads it, as every answer the product shows.
  const text = target.transport.redactor.text(answer.text);
  if (answer.status !== 200) {
    const summary = summariseErrorBody(answer.status, answer.headers['content-type'], text);
    // A 400 names the field and its rule (`script: …`, `device: …`): said as it is.
    const message = answer.status === 400 ? summary.message : `The sandbox answered ${answer.status} ${summary.code}: ${summary.message}`;
    throw new SandboxNetworkError(message, answer.status, summary.code);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SandboxNetworkError('The sandbox answered 200 without JSON: is this URL an embedded sandbox?');
  }
  const state = STATE.safeParse(parsed);
  if (!state.success) {
    throw new SandboxNetworkError(
      `The sandbox's answer is not a network script state (${state.error.issues[0]?.path.join('.') || 'the body'})`,
    );
  }
  return {
    device: cleanProviderText(state.data.device, 300),
    script: state.data.script === null ? null : cleanProviderText(state.data.script, 200),
    description: cleanProviderText(state.data.description, 4000),
    withdrawnProfiles: state.data.withdrawnProfiles.map((p) => cleanProviderText(p, 256)),
  };
}
