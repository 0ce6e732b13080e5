// The request: an operation of the core's table, its session id when its route has one, and the body its request
// kind takes, built with the form or typed as JSON (kept in sync: the JSON is the single source of a create's
// body), checked by the host as it is typed. It renders the store's host state (profiles, flavour, sign-in) and
// follows the answer shown; Send, an answer's follow-ups and a history entry make the request on the form.
import type { FieldProblem, HistoryEntry, Operation, SendResult } from '../../../shared/protocol';
import { isThreeLegged } from '../../../core/auth/three-legged';
import { isV1Family, type Flavour } from '../../../core/camara/flavour';
import { OPERATION_TABLE } from '../../../core/operations';
import { setHelp } from '../controls';
import { clear, h } from '../dom';
import { bodyWithProfile } from '../advisor-model';
import { bodyToForm, EMPTY_FORM, fieldOf, formToBody, type FormModel } from '../form-model';
import { signInKey, type PageStore } from '../page-store';
import { looksLikeCurl, parseCurl } from '../paste';
import { failure, type Host } from '../rpc';
import type { SavedState } from '../store';
import { bodyControls, bodyParts, partOf as bodyPartOf, type BodyPart } from './request-body';
import { profileOptions, requestFields } from './request-fields';

export interface RequestForm {
  elements: HTMLElement[];
  /** What the page keeps of the request. */
  values(): Pick<SavedState, 'form' | 'json' | 'operation' | 'sessionId' | 'notify'>;
  /** The request on the form, for the export. */
  current(): { operation: Operation; sessionId?: string; body: unknown };
  /** A follow-up on an answer's session: one that needs a body (extend's seconds) waits on the form for it. */
  followUp(operation: Operation, sessionId: string): void;
  /** After a refused create because the device has a session already: the lookup of it, where the flavour has one. */
  findExisting(result: SendResult): (() => void) | undefined;
  /** Puts `operation` (on session `id`, when given) on the form. */
  putOnForm(operation: Operation, id?: string): void;
  load(entry: HistoryEntry): void;
  send(operation?: Operation, id?: string): Promise<void>;
  /** The advisor's "Use this profile": a create with this profile, the rest of the request as it was. */
  useProfile(name: string): void;
  /** Where the device is asked for, so a control about the device (its network script) sits next to it. */
  deviceArea: HTMLElement;
}

export interface RequestDeps {
  save(): void;
  /** The request on the form changed: the export follows it. */
  changed(): void;
  /** Where the answer shows: "Sending…" (answers whether an exchange was open), a failure, an exchange. */
  sending(): boolean;
  failed(text: string): void;
  showExchange(exchange: NonNullable<SendResult['exchange']>): void;
}

export function requestForm(host: Host, saved: SavedState | undefined, store: PageStore, deps: RequestDeps): RequestForm {
  let form: FormModel = saved?.form ?? { ...EMPTY_FORM };
  let operation: Operation = saved?.operation ?? 'createSession';
  let jsonText = saved?.json ?? '';
  let validationRun = 0;
  const f = requestFields(
    { operation, sessionId: saved?.sessionId ?? '', form, notify: saved?.notify ?? false },
    {
      operation: (op) => putOnForm(op),
      sessionId: deps.save,
      extendBy: () => void validate(),
      form: update,
      json: fromJson,
      notify: deps.save,
      send: () => void send(),
    },
  );
  const { json, jsonHelp, extendBy, sessionId } = f;
  const parts = bodyParts(f, { form: () => form, json: () => jsonText, state: () => store.state });
  const partOf = (op: Operation): BodyPart | undefined => bodyPartOf(parts, op);
  const flavour = (): Flavour => store.state.host?.flavour ?? 'v1';

  /** A form change rewrites the JSON; the JSON stays the single source of the body that is sent. */
  function update(change: Partial<FormModel>): void {
    form = { ...form, ...change };
    f.deviceValue.field.hidden = form.deviceKind === 'none';
    jsonText = JSON.stringify(formToBody(flavour(), form), null, 2);
    json.value = jsonText;
    void validate();
    deps.save();
  }

  /** A curl command pasted into the JSON editor: its operation and body are taken, its headers left behind. */
  function fromCurl(text: string): void {
    const pasted = parseCurl(text);
    if (pasted?.operation) {
      operation = pasted.operation;
      f.operation.value = operation;
    }
    if (pasted?.sessionId) sessionId.el.value = pasted.sessionId;
    const part = partOf(operation);
    json.value = jsonText;
    if (pasted?.body !== undefined) part?.load?.(pasted.body);
    layout();
    fromJson();
    if (jsonHelp.textContent) return; // the body is not JSON: that message matters more
    // A URL that is no route of the table leaves the operation as it was, and says so.
    const took = pasted?.operation
      ? `Took ${part?.inEditor ? 'the body of ' : 'the operation from '}the pasted curl command; `
      : `The pasted curl command's URL is no QoD operation this playground knows, so the operation stays ${operation}` +
        `${pasted?.body === undefined ? '' : ' (its body was taken)'}; `;
    jsonHelp.textContent = took + 'its headers, the Authorization token among them, are not kept: the playground signs in for you.';
    jsonHelp.className = 'help';
  }

  /** A JSON edit updates the form; text that is not JSON yet keeps the form as it was (nothing is lost). */
  function fromJson(): void {
    if (looksLikeCurl(json.value)) return fromCurl(json.value);
    jsonText = json.value;
    let body: unknown;
    try {
      body = JSON.parse(jsonText);
    } catch (error) {
      jsonHelp.textContent = `JSON: ${error instanceof Error ? error.message : String(error)}`;
      jsonHelp.className = 'help error';
      deps.save();
      return;
    }
    jsonHelp.textContent = '';
    form = bodyToForm(body, form);
    f.deviceKind.value = form.deviceKind;
    f.deviceValue.el.value = form.deviceValue;
    f.server.el.value = form.applicationServer;
    f.profile.value = form.qosProfile;
    f.duration.el.value = form.duration;
    void validate();
    deps.save();
  }

  async function validate(): Promise<FieldProblem[]> {
    const run = ++validationRun;
    // A host that cannot validate does not block Send: the host validates again before anything leaves.
    const found = partOf(operation)?.checkedAsTyped
      ? await host.request('validate', { operation, body: partOf(operation)?.body() }).catch(() => [])
      : [];
    if (run !== validationRun) return found;
    showProblems(found);
    return found;
  }

  function showProblems(found: FieldProblem[]): void {
    for (const help of [f.deviceValue.help, f.server.help, f.profileHelp, f.duration.help]) setHelp(help, undefined);
    partOf(operation)?.hint?.();
    clear(f.problems, ...found.map((p) => h('li', { class: 'error' }, p.message)));
    const helpFor: Record<string, HTMLElement> = {
      requestedAdditionalDuration: extendBy.help,
      deviceValue: f.deviceValue.help,
      applicationServer: f.server.help,
      qosProfile: f.profileHelp,
      duration: f.duration.help,
    };
    for (const p of found) {
      const help = helpFor[p.path] ?? helpFor[fieldOf(p.path)];
      if (help) setHelp(help, p.message);
    }
    f.send.toggleAttribute('disabled', found.length > 0);
  }

  async function send(op: Operation = operation, id: string = sessionId.el.value.trim()): Promise<void> {
    const needsId = OPERATION_TABLE[op].needsId;
    const idName = OPERATION_TABLE[op].resource === 'assignment' ? 'assignmentId' : 'sessionId';
    if (needsId && !id) return showProblems([{ path: 'sessionId', message: `${idName}: is required for this operation` }]);
    // A follow-up (Delete on an answer, a history re-run) becomes the request on the form, so the form, the
    // export and the answer all show the same request.
    if (op !== operation || (needsId && id !== sessionId.el.value.trim())) putOnForm(op, needsId ? id : undefined);
    else deps.changed();
    // An exchange open in the response column belongs to an earlier request: it gives way to this one's.
    const inspecting = deps.sending();
    f.send.setAttribute('disabled', '');
    try {
      const result = await host.request('send', {
        operation: op,
        sessionId: needsId ? id : undefined,
        body: partOf(op)?.body(),
        notify: partOf(op)?.notifies && f.notify.checked ? true : undefined,
      });
      store.update({ lastResult: result });
      if (inspecting && result.exchange) deps.showExchange(result.exchange);
    } catch (error) {
      deps.failed(failure(error));
    } finally {
      // Back to what validation says: still held back only if the request has problems.
      f.send.toggleAttribute('disabled', f.problems.childElementCount > 0);
    }
  }

  function putOnForm(op: Operation, id?: string): void {
    operation = op;
    f.operation.value = op;
    if (id !== undefined) sessionId.el.value = id;
    layout();
    deps.save();
    deps.changed();
  }

  /** Shows the session id where the operation's route has one, and the controls of its body. */
  function layout(): void {
    const part = partOf(operation);
    for (const el of bodyControls(f)) el.hidden = !part?.shows.includes(el);
    sessionId.field.hidden = !OPERATION_TABLE[operation].needsId;
    // One field for the id the route takes: a session's, or (QoS Provisioning) an assignment's.
    const idLabel = OPERATION_TABLE[operation].resource === 'assignment' ? 'Assignment id' : 'Session id';
    const label = sessionId.field.querySelector('vscode-label');
    if (label) label.textContent = idLabel;
    sessionId.el.setAttribute('aria-label', idLabel);
    part?.hint?.();
    void validate();
  }

  // The form agrees with the sign-in: with a 3-legged token the token names the device (v1 then wants none in the
  // body); a 2-legged token names none, so the body must.
  store.watch(
    (s) => signInKey(s.host),
    () => {
      const shown = store.state.host;
      const s = shown?.signedIn;
      if (s && isThreeLegged(s.flow) && isV1Family(shown.flavour) && form.deviceKind !== 'none') {
        f.deviceKind.value = 'none';
        update({ deviceKind: 'none', deviceValue: '' });
      } else if (s && !isThreeLegged(s.flow) && form.deviceKind === 'none') {
        f.deviceKind.value = 'phoneNumber';
        update({ deviceKind: 'phoneNumber', deviceValue: EMPTY_FORM.deviceValue });
      }
    },
  );
  store.watch(
    (s) => s.host,
    (shown) => {
      if (!shown) return;
      clear(f.profile, ...profileOptions(shown.profiles, form.qosProfile));
      if (!jsonText) update({});
    },
  );
  // The answer shown: a request that was not valid shows its problems; an answer about a session names it here.
  store.watch(
    (s) => s.lastResult,
    (r) => {
      if (r?.problems?.length) return showProblems(r.problems);
      const id = r?.sessionId ?? r?.assignmentId;
      if (!id) return;
      sessionId.el.value = id;
      deps.save();
    },
  );
  // Ctrl/Cmd+Enter anywhere in the playground (the editor's keybinding): send unless validation holds it back.
  store.watch(
    (s) => s.sendRequests,
    () => {
      if (!f.send.hasAttribute('disabled')) void send();
    },
  );
  json.value = jsonText;
  layout();

  return {
    elements: f.elements,
    values: () => ({ form, json: jsonText, operation, sessionId: sessionId.el.value, notify: f.notify.checked }),
    current: () => ({ operation, sessionId: sessionId.el.value.trim() || undefined, body: partOf(operation)?.body() }),
    followUp: (op, id) => {
      const part = partOf(op);
      if (!part) return void send(op, id);
      putOnForm(op, id);
      part.focus?.focus();
    },
    findExisting: (r) => {
      // The only answer with this way out: a create refused because the device has a session already.
      const conflict = !r.ok && r.status === 409 && r.code === 'CONFLICT' && operation === 'createSession';
      return conflict && OPERATION_TABLE.retrieveSessions.flavours.includes(flavour())
        ? () => void send('retrieveSessions', '')
        : undefined;
    },
    putOnForm,
    useProfile: (name) => {
      if (!OPERATION_TABLE[operation].requestKind?.startsWith('create')) putOnForm('createSession');
      // Another operator's profile may not be among this environment's: it is offered as typed.
      if (![...f.profile.children].some((o) => o.getAttribute('value') === name))
        f.profile.append(h('vscode-option', { value: name }, name));
      const edited = bodyWithProfile(jsonText, name);
      if (edited === undefined) {
        f.profile.value = name;
        return update({ qosProfile: name });
      }
      json.value = edited;
      fromJson();
    },
    deviceArea: f.device,
    load: (e) => {
      const part = partOf(e.operation);
      if (e.body !== undefined && part?.load) {
        part.load(e.body);
        if (part.inEditor) fromJson();
      }
      putOnForm(e.operation, e.sessionId);
    },
    send,
  };
}
