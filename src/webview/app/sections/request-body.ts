// What the request form shows and sends for each kind of request body (the core's `requestKind` of an operation):
// a create's body is JSON kept in sync with its fields, an extension is its seconds, a lookup the device. A new
// kind of body in the core makes the compiler ask for its part here; an operation without a body has no part.
import type { Operation } from '../../../shared/protocol';
import type { RequestKind } from '../../../core/camara/validate';
import { OPERATION_TABLE } from '../../../core/operations';
import { setHelp, type Input } from '../controls';
import { formToAssignmentBody, formToBody, type FormModel } from '../form-model';
import type { PageState } from '../page-store';
import type { RequestFields } from './request-fields';

export interface BodyPart {
  /** The controls it shows (the other body controls hide). */
  shows: HTMLElement[];
  body(): unknown;
  /** Puts a body (pasted or from history) on the form. */
  load?(body: unknown): void;
  /** The body is the JSON editor's (a pasted command's body goes there). */
  inEditor?: boolean;
  /** The host checks it as it is typed (a lookup's device is checked when it is sent). */
  checkedAsTyped: boolean;
  /** It asks the local sink for status changes when "notify me" is on. */
  notifies?: boolean;
  /** What a follow-up that asks for this body focuses, and the hint under it. */
  focus?: Input;
  hint?(): void;
}

export type BodyParts = Record<RequestKind, BodyPart>;

/** The body controls any part shows, so a layout can hide the ones an operation does not use. */
export const bodyControls = (f: RequestFields): HTMLElement[] => [
  f.device,
  f.create,
  f.server.field,
  f.duration.field,
  f.notify,
  f.jsonLabel,
  f.json,
  f.extendBy.field,
];

export function bodyParts(f: RequestFields, read: { form(): FormModel; json(): string; state(): PageState }): BodyParts {
  const { extendBy } = f;
  return {
    createSession: {
      shows: [f.device, f.create, f.server.field, f.duration.field, f.notify, f.jsonLabel, f.json],
      body: () => parsed(read.json()),
      load: (body) => (f.json.value = typeof body === 'string' ? body : JSON.stringify(body, null, 2)),
      inEditor: true,
      checkedAsTyped: true,
      notifies: true,
    },
    extendSession: {
      shows: [extendBy.field],
      body: () => ({ requestedAdditionalDuration: Number(extendBy.el.value) }),
      load: (body) => {
        const extra =
          typeof body === 'object' && body && 'requestedAdditionalDuration' in body ? body.requestedAdditionalDuration : undefined;
        if (typeof extra === 'number') extendBy.el.value = String(extra);
      },
      checkedAsTyped: true,
      focus: extendBy.el,
      hint: () => setHelp(extendBy.help, extendBound(read.state(), f.sessionId.el.value.trim()), false),
    },
    retrieveSessions: {
      shows: [f.device],
      body: () => {
        const form = read.form();
        return form.deviceKind === 'none' ? {} : { device: formToBody('v1', form).device };
      },
      checkedAsTyped: false,
    },
    retrieveQosProfiles: { shows: [], body: () => undefined, checkedAsTyped: false },
    // QoS Provisioning: the device and the profile of the form (no server, duration or JSON of a session).
    createAssignment: {
      shows: [f.device, f.create],
      body: () => formToAssignmentBody(read.state().host?.flavour ?? 'v1', read.form()),
      checkedAsTyped: true,
      focus: f.profile,
    },
    retrieveAssignment: {
      shows: [f.device],
      body: () => {
        const form = read.form();
        return form.deviceKind === 'none' ? {} : { device: formToAssignmentBody('v1', form).device };
      },
      checkedAsTyped: false,
    },
  };
}

/** The part of an operation's body, by its request kind; none for an operation without a body. */
export function partOf(parts: BodyParts, operation: Operation): BodyPart | undefined {
  const kind = OPERATION_TABLE[operation].requestKind;
  return kind && parts[kind];
}

/** The extension the session's profile allows, from the last answer about it (a provider caps anything beyond). */
export function extendBound(state: PageState, sessionId: string): string | undefined {
  const body = state.lastResult?.sessionId === sessionId ? state.lastResult.body : undefined;
  if (typeof body !== 'object' || !body || !('duration' in body) || !('qosProfile' in body)) return undefined;
  const profile = state.host?.profiles.find((p) => p.name === body.qosProfile);
  if (!profile || typeof body.duration !== 'number') return undefined;
  const more = Math.max(0, profile.maxSeconds - body.duration);
  return (
    `Up to ${more} s more: ${profile.name} allows at most ${profile.maxSeconds} s in all and this session has ${body.duration} s;` +
    ' the provider caps a longer extension.'
  );
}

/** The editor's text as a body; text that is not JSON sends none (the host then says what is missing). */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
