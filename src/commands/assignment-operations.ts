// QoS Provisioning from the palette and the sessions view: Assign a QoS Profile, Get, Revoke, and the Assignment of
// a Device. Each runs its operation of the core's table through the session service (which keeps the view's
// "QoS assignments" group true); each takes arguments from scripts and tests and asks otherwise.
import * as vscode from 'vscode';
import { isThreeLegged } from '../core/auth/three-legged';
import { createAssignmentBody, deviceInput } from '../core/camara/create-body';
import { E164_STRICT } from '../core/camara/fields';
import { offeredProfiles } from '../core/camara/profiles';
import { hasProvisioning, PROVISIONING_VERSIONS } from '../core/camara/provisioning';
import type { AssignmentView } from '../core/camara/normalise';
import { withCancellableProgress } from '../vscode/progress';
import type { EnvironmentRuntime, Services } from '../vscode/services';
import type { SessionsNode } from '../views/sessions-tree';

export interface AssignArgs {
  environmentId?: string;
  /** A phone number; omit with a 3-legged sign-in (the token names the device). */
  phoneNumber?: string;
  qosProfile?: string;
  /** A whole request body instead of the choices above. */
  body?: Record<string, unknown>;
}

/** The environment's runtime, when its release has QoS Provisioning (QoD v1: 0.3.0, v1.2: 0.4.0-rc.1). */
async function provisioningRuntime(s: Services, environmentId: string): Promise<EnvironmentRuntime | undefined> {
  const runtime = await s.runtime(environmentId);
  const { flavour, label } = runtime.environment;
  if (hasProvisioning(flavour)) return runtime;
  const releases = Object.keys(PROVISIONING_VERSIONS).join(' or ');
  void vscode.window.showWarningMessage(
    vscode.l10n.t('QoS Provisioning is not part of QoD {0} ({1}): choose an environment of QoD {2}', flavour, label, releases),
  );
  return undefined;
}

export async function createAssignment(s: Services, args?: AssignArgs): Promise<AssignmentView | undefined> {
  const environmentId = args?.environmentId ?? s.environments.activeId;
  const runtime = await provisioningRuntime(s, environmentId);
  if (!runtime) return undefined;
  const { flavour } = runtime.environment;
  let body = args?.body;
  if (!body) {
    const threeLegged = isThreeLegged(runtime.auth.signedIn?.flow);
    let phoneNumber = args?.phoneNumber;
    if (!args && !threeLegged) {
      phoneNumber = await vscode.window.showInputBox({
        title: vscode.l10n.t('QoD: Assign a QoS Profile (1/2)'),
        prompt: vscode.l10n.t('The device, by phone number (E.164)'),
        value: '+34666666661',
        ignoreFocusOut: true,
        validateInput: (v) => (E164_STRICT.test(v.trim()) ? undefined : vscode.l10n.t('phoneNumber: must be + and 5 to 15 digits')),
      });
      if (!phoneNumber) return undefined;
    }
    let qosProfile = args?.qosProfile;
    if (!qosProfile) {
      const profiles = await offeredProfiles(flavour, () => runtime.client.listProfiles({}));
      const picked = await vscode.window.showQuickPick(
        profiles.map((p) => ({ label: p.name, description: p.status, detail: p.description })),
        { title: vscode.l10n.t('QoD: Assign a QoS Profile (2/2)'), placeHolder: vscode.l10n.t('Which QoS profile?'), ignoreFocusOut: true },
      );
      if (!picked) return undefined;
      qosProfile = picked.label;
    }
    body = createAssignmentBody(flavour, { device: deviceInput({ phoneNumber: phoneNumber?.trim() }), qosProfile });
  }
  const { value } = await withCancellableProgress(vscode.l10n.t('QoD: assigning a QoS profile'), (signal) =>
    s.sessions.run(environmentId, 'createAssignment', { body }, signal),
  );
  s.log.info(`assigned ${value.qosProfile} (assignment ${value.id}, ${value.status}) in ${runtime.environment.label}`);
  if (!args) void vscode.window.showInformationMessage(vscode.l10n.t('QoS assignment {0}: {1}', value.id.slice(0, 8), value.status));
  return value;
}

export async function getAssignment(s: Services, arg?: unknown): Promise<AssignmentView | undefined> {
  const target = await assignmentTarget(s, arg);
  if (!target) return undefined;
  const { value } = await withCancellableProgress(vscode.l10n.t('QoD: reading the assignment'), (signal) =>
    s.sessions.run(target.environmentId, 'getAssignment', { id: target.id }, signal),
  );
  return value;
}

/** Answers the assignment being revoked (202) or nothing when it was revoked at once (204). */
export async function revokeAssignment(s: Services, arg?: unknown): Promise<{ revoked: string; pending?: AssignmentView } | undefined> {
  const target = await assignmentTarget(s, arg);
  if (!target) return undefined;
  const { value } = await withCancellableProgress(vscode.l10n.t('QoD: revoking the assignment'), (signal) =>
    s.sessions.run(target.environmentId, 'revokeAssignment', { id: target.id }, signal),
  );
  s.log.info(`revoked assignment ${target.id}${value ? ` (${value.status}, ${value.statusInfo ?? ''})` : ''}`);
  return { revoked: target.id, ...(value ? { pending: value } : {}) };
}

export async function assignmentOfDevice(
  s: Services,
  arg?: { phoneNumber?: string; environmentId?: string },
): Promise<AssignmentView | undefined> {
  const environmentId = arg?.environmentId ?? s.environments.activeId;
  const runtime = await provisioningRuntime(s, environmentId);
  if (!runtime) return undefined;
  let phoneNumber = arg?.phoneNumber;
  if (!phoneNumber && !isThreeLegged(runtime.auth.signedIn?.flow)) {
    phoneNumber = await vscode.window.showInputBox({
      title: vscode.l10n.t('QoD: the assignment of which phone number?'),
      value: '+34666666661',
    });
    if (!phoneNumber) return undefined;
  }
  const body = phoneNumber ? { device: { phoneNumber: phoneNumber.trim() } } : {};
  const { value } = await withCancellableProgress(vscode.l10n.t('QoD: reading the assignment of the device'), (signal) =>
    s.sessions.run(environmentId, 'retrieveAssignment', { body }, signal),
  );
  return value;
}

/** Which assignment: an id from a script, a node of the sessions view, or a pick of the known ones. */
async function assignmentTarget(s: Services, arg: unknown): Promise<{ environmentId: string; id: string } | undefined> {
  const environmentId = s.environments.activeId;
  if (typeof arg === 'string' && arg) return { environmentId, id: arg };
  const node = arg as Partial<SessionsNode> | undefined;
  if (node?.kind === 'assignment' && node.assignment) return { environmentId: node.environmentId as string, id: node.assignment.id };
  const known = s.registry.assignments(environmentId).filter((a) => a.status !== 'UNAVAILABLE');
  if (known.length > 0) {
    const picked = await vscode.window.showQuickPick(
      [
        ...known.map((a) => ({ label: a.id, description: `${a.qosProfile} · ${a.status}${a.device ? ` · ${a.device}` : ''}` })),
        { label: vscode.l10n.t('Another assignment id…'), description: '' },
      ],
      { title: vscode.l10n.t('QoD: choose a QoS assignment') },
    );
    if (!picked) return undefined;
    if (known.some((a) => a.id === picked.label)) return { environmentId, id: picked.label };
  }
  const id = await vscode.window.showInputBox({
    title: vscode.l10n.t('QoD: assignment id'),
    prompt: vscode.l10n.t('The assignmentId of an existing QoS assignment'),
  });
  return id ? { environmentId, id: id.trim() } : undefined;
}
