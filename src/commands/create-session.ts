// Create Session: a multi-step pick (device, QoS profile with its duration bounds, duration, application
// server, notifications), each value validated as it is typed; or the same choices passed as arguments.
import * as vscode from 'vscode';
import { createSessionBody, withSink, type DeviceInput } from '../core/camara/create-body';
import { isThreeLegged } from '../core/auth/three-legged';
import { isV1Family, type Flavour } from '../core/camara/flavour';
import { offeredProfiles, profileBounds } from '../core/camara/profiles';
import { isIpv4, isIpv6, type QosProfile } from '../core/camara/fields';
import type { SessionView } from '../core/camara/normalise';
import { validateRequest } from '../core/camara/validate';
import { QodError } from '../core/camara/qod-client';
import { settle } from '../core/sessions/settle';
import { withCancellableProgress } from '../vscode/progress';
import { showError } from '../vscode/show-error';
import type { EnvironmentRuntime, Services } from '../vscode/services';

export interface CreateSessionArgs {
  environmentId?: string;
  /** `{ phoneNumber }`, `{ ipv4Address: {publicAddress, publicPort} }`, `{ ipv6Address }`; omit with a 3-legged token. */
  device?: Record<string, unknown>;
  applicationServer?: string;
  qosProfile?: string;
  duration?: number;
  /** Receive status changes through a local notification sink (local sandbox). */
  notify?: boolean;
  /** A whole request body instead of the choices above. */
  body?: Record<string, unknown>;
}

/** The answers of the interactive steps, kept so that "Edit and Retry" starts from them. */
interface Answers {
  deviceKind?: DeviceInput['kind'];
  deviceValue?: string;
  qosProfile?: string;
  duration?: string;
  applicationServer?: string;
  notify?: boolean;
}

export async function createSession(s: Services, args?: CreateSessionArgs, previous?: Answers): Promise<SessionView | undefined> {
  const environmentId = args?.environmentId ?? s.environments.activeId;
  const runtime = await s.runtime(environmentId);
  const answers: Answers = { ...previous };
  const choices = args ?? (await ask(runtime, answers));
  if (!choices) return undefined;
  let body = choices.body ?? {
    ...createSessionBody(runtime.environment.flavour, {
      applicationServer: choices.applicationServer ?? '',
      qosProfile: choices.qosProfile ?? '',
      duration: choices.duration,
    }),
    ...(choices.device ? { [runtime.environment.flavour === 'v0.8' ? 'ueId' : 'device']: choices.device } : {}),
  };
  if (choices.notify) {
    const sink = await s.notificationSink();
    body = withSink(runtime.environment.flavour, body, { url: sink.url, token: sink.token });
  }
  let created: { value: SessionView };
  try {
    created = await withCancellableProgress(vscode.l10n.t('QoD: creating a session'), async (signal) => {
      const result = await s.sessions.run(environmentId, 'createSession', { body }, signal);
      return { value: result.value };
    });
  } catch (error) {
    if (args || !(error instanceof QodError)) throw error;
    // The operator said no (a conflict, a duration out of range…): nothing typed is lost.
    void showError(error, s.log, [
      {
        title: vscode.l10n.t('Edit and Retry'),
        run: () => createSession(s, undefined, answers).catch((e: unknown) => showError(e, s.log)),
      },
    ]);
    return undefined;
  }
  s.reached('qod.hasSession');
  if (!choices.notify && created.value.status === 'REQUESTED') void followUntilSettled(s, environmentId, created.value.id);
  s.log.info(
    `created session ${created.value.id} (${created.value.qosProfile}, ${created.value.durationSeconds} s) in ${runtime.environment.label}`,
  );
  if (!args) {
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('QoD session {0} created ({1})', created.value.id, created.value.status),
        vscode.l10n.t('Copy Session ID'),
        vscode.l10n.t('Show Log'),
      )
      .then(async (choice) => {
        if (choice === vscode.l10n.t('Copy Session ID')) await vscode.env.clipboard.writeText(created.value.id);
        else if (choice) s.log.channel.show(true);
      });
  }
  return created.value;
}

/** Without notifications, read the session a few times until it leaves REQUESTED (bounded: 5 reads); a failed read ends it. */
async function followUntilSettled(s: Services, environmentId: string, id: string): Promise<void> {
  const read = () => s.sessions.run(environmentId, 'getSession', { id });
  await settle({ read, delaysMs: [1000, 1000, 1000, 1000, 1000] }).catch(() => undefined);
}

/** The items with the previous answer first, so Enter takes it again. */
function previousFirst<T>(items: T[], isPrevious: (item: T) => boolean): T[] {
  return [...items.filter(isPrevious), ...items.filter((i) => !isPrevious(i))];
}

// Every step keeps its place when focus moves away (to read the docs, or the walkthrough re-rendering), and
// starts from the previous answer when the user retries; each answer is written to `answers` as it is given.
async function ask(runtime: EnvironmentRuntime, answers: Answers): Promise<CreateSessionArgs | undefined> {
  const { flavour } = runtime.environment;
  const title = (step: number) => vscode.l10n.t('QoD: Create Session ({0}/5)', step);
  const threeLegged = isThreeLegged(runtime.auth.signedIn?.flow) && isV1Family(flavour);
  let device: DeviceInput | undefined;
  if (!threeLegged) {
    const kinds = [
      { label: 'Phone number', device: 'phoneNumber' as const, detail: '+34666666661' },
      { label: 'IPv4 address and port', device: 'ipv4' as const, detail: '203.0.113.25:5000' },
      { label: 'IPv6 address', device: 'ipv6' as const, detail: '2001:db8::1' },
    ];
    const kind = await vscode.window.showQuickPick(
      previousFirst(kinds, (k) => k.device === answers.deviceKind),
      { title: title(1), placeHolder: vscode.l10n.t('How is the device identified?'), ignoreFocusOut: true },
    );
    if (!kind) return undefined;
    const value = await vscode.window.showInputBox({
      title: title(1),
      prompt: kind.detail,
      value: kind.device === answers.deviceKind ? answers.deviceValue : undefined,
      ignoreFocusOut: true,
      validateInput: (v) => deviceProblem(flavour, toDevice(kind.device, v.trim())),
    });
    if (!value) return undefined;
    Object.assign(answers, { deviceKind: kind.device, deviceValue: value.trim() });
    device = toDevice(kind.device, value.trim());
  }
  const profiles = await offeredProfiles(flavour, () => runtime.client.listProfiles({}));
  const profile = await vscode.window.showQuickPick(
    previousFirst(
      profiles.map((p) => ({ label: p.name, description: p.status, detail: `${p.description ?? ''} · ${bounds(p).label}`, profile: p })),
      (p) => p.label === answers.qosProfile,
    ),
    { title: title(2), placeHolder: vscode.l10n.t('QoS profile'), ignoreFocusOut: true },
  );
  if (!profile) return undefined;
  answers.qosProfile = profile.label;
  const { min, max } = bounds(profile.profile);
  const duration = await vscode.window.showInputBox({
    title: title(3),
    prompt: vscode.l10n.t('Duration in seconds ({0}..{1})', min, max),
    value: answers.duration ?? String(Math.min(600, max)),
    ignoreFocusOut: true,
    validateInput: (v) =>
      /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max
        ? undefined
        : vscode.l10n.t('duration: must be a whole number of seconds {0}..{1}', min, max),
  });
  if (!duration) return undefined;
  answers.duration = duration;
  const server = await vscode.window.showInputBox({
    title: title(4),
    prompt:
      flavour === 'v1.2'
        ? vscode.l10n.t('Application server: IPv4/IPv6 address or subnet, or up to 16 addresses separated by commas')
        : vscode.l10n.t('Application server: IPv4/IPv6 address or subnet'),
    value: answers.applicationServer ?? '198.51.100.10',
    ignoreFocusOut: true,
    validateInput: (v) => serverProblem(flavour, v),
  });
  if (!server) return undefined;
  answers.applicationServer = server.trim();
  const notify =
    runtime.environment.preset === 'sandbox'
      ? (
          await vscode.window.showQuickPick(
            previousFirst(
              [
                { label: vscode.l10n.t('Notify me of status changes'), notify: true },
                { label: vscode.l10n.t('No notifications'), notify: false },
              ],
              (n) => n.notify === answers.notify,
            ),
            { title: title(5), ignoreFocusOut: true },
          )
        )?.notify
      : false;
  if (notify === undefined) return undefined;
  answers.notify = notify;
  const body = createSessionBody(flavour, {
    device,
    applicationServer: server.trim(),
    qosProfile: profile.label,
    duration: Number(duration),
  });
  return { body, notify };
}

function toDevice(kind: DeviceInput['kind'], value: string): DeviceInput {
  if (kind !== 'ipv4') return { kind, value };
  const [address = '', port] = value.split(':');
  return { kind, value: address, port: port === undefined ? undefined : Number(port) };
}

/** The core's validator on a body holding just this device, so the message names the field and the rule. */
function deviceProblem(flavour: Flavour, device: DeviceInput): string | undefined {
  const body = createSessionBody(flavour, { device, applicationServer: '198.51.100.10', qosProfile: 'QOS_E', duration: 60 });
  const result = validateRequest(flavour, 'createSession', body);
  return result.ok ? undefined : result.issues.map((i) => i.message).join('; ');
}

function bounds(p: QosProfile): { min: number; max: number; label: string } {
  const { min, max } = profileBounds(p);
  return { min, max, label: `${min}..${max} s` };
}

/** What is wrong with the application server as typed; QoD 1.2 also takes a list of single addresses (ipAddresses). */
export function serverProblem(flavour: Flavour, typed: string): string | undefined {
  const parts = typed.split(',').map((p) => p.trim());
  if (flavour === 'v1.2' && parts.length > 1) {
    return parts.every((p) => isIpv4(p) || isIpv6(p))
      ? undefined
      : vscode.l10n.t('applicationServer.ipAddresses: each must be a single IPv4 or IPv6 address (no /mask), separated by commas');
  }
  const [address = ''] = typed.trim().split('/');
  return isIpv4(address) || isIpv6(address) ? undefined : vscode.l10n.t('applicationServer: must be an IPv4 or IPv6 address or subnet');
}
