// Where the product talks to: the embedded sandbox (default), Telefónica's Open Gateway sandbox, or a
// provider configured by hand. An environment holds no secret; those live in the SecretStore.
import type { AuthServerConfig } from './auth/auth-context';
import { CLIENT_AUTH_METHODS, type ClientAuthMethod } from './auth/client-auth';
import { isLoopbackHttpUrl } from './camara/fields';
import { BASE_PATHS, FLAVOURS, isFlavour, isV1Family, type ApiBases, type Flavour } from './camara/flavour';
import { SCOPE_PRESETS } from './camara/scopes';

export type Preset = 'sandbox' | 'telefonica' | 'custom';

export interface Environment {
  id: string;
  label: string;
  preset: Preset;
  /** OpenID issuer for discovery; or set the endpoints by hand. */
  issuer?: string;
  endpoints?: AuthServerConfig['endpoints'];
  /** Root of the APIs; the flavour's base paths are appended unless `paths` overrides them. */
  apiBase: string;
  paths?: Partial<ApiBases>;
  flavour: Flavour;
  clientId: string;
  authMethod: ClientAuthMethod;
  scope: string;
  loginHint?: string;
  /**
   * An aggregator: its Telco Finder routes each request to the operator that serves the device, whose own issuer and
   * API root are then used (routing/operator-router.ts); `issuer`, `endpoints` and `apiBase` are not.
   */
  telcoFinder?: string;
}

/** The local sandbox's `/qod/v0` speaks v0.10; v0.8 has its own mount there. */
const SANDBOX_PATHS: Record<Flavour, ApiBases> = {
  v1: BASE_PATHS.v1,
  'v1.2': BASE_PATHS['v1.2'],
  'v0.10': { sessions: '/v0.10/qod/v0', profiles: '/v0.10/qod/v0' },
  'v0.8': { sessions: '/v0.8/qod/v0' },
};

export function sandboxEnvironment(url: string, flavour: Flavour = 'v1'): Environment {
  return {
    id: 'sandbox',
    label: 'Local sandbox',
    preset: 'sandbox',
    issuer: url,
    apiBase: url,
    paths: SANDBOX_PATHS[flavour],
    flavour,
    clientId: 'qod-demo',
    authMethod: 'client_secret_basic',
    scope: defaultScope(flavour),
    loginHint: 'tel:+34666666661',
  };
}

/** The sandbox's operators through its aggregator: each request is routed to an operator by its Telco Finder. */
export function sandboxAggregatorEnvironment(finderUrl: string, flavour: Flavour = 'v1'): Environment {
  return {
    ...sandboxEnvironment(finderUrl, flavour),
    id: 'sandbox-operators',
    label: 'Sandbox operators (aggregator)',
    telcoFinder: finderUrl,
  };
}

const TELEFONICA = 'https://sandbox.opengateway.telefonica.com/apigateway';

export function telefonicaEnvironment(clientId: string, flavour: Flavour = 'v0.10'): Environment {
  return {
    id: 'telefonica',
    label: 'Telefónica Open Gateway sandbox',
    preset: 'telefonica',
    endpoints: {
      authorization: `${TELEFONICA}/authorize`,
      token: `${TELEFONICA}/token`,
      backchannelAuthentication: `${TELEFONICA}/bc-authorize`,
    },
    apiBase: TELEFONICA,
    flavour,
    clientId,
    authMethod: 'client_secret_basic',
    scope: SCOPE_PRESETS.legacy,
    loginHint: 'tel:+34666666666',
  };
}

/** Each API's base URL in an environment: its root and the release's base paths (which `paths` overrides). */
export function apiUrls(env: Environment): ApiBases {
  const base = env.apiBase.replace(/\/+$/, '');
  const defaults = BASE_PATHS[env.flavour];
  const sessions = env.paths?.sessions ?? defaults.sessions;
  const profiles = env.paths?.profiles ?? defaults.profiles;
  const provisioning = defaults.provisioning === undefined ? undefined : (env.paths?.provisioning ?? defaults.provisioning);
  return {
    sessions: `${base}${sessions}`,
    profiles: profiles ? `${base}${profiles}` : undefined,
    ...(provisioning === undefined ? {} : { provisioning: `${base}${provisioning}` }),
  };
}

export function authServerConfig(env: Environment): AuthServerConfig {
  return { issuer: env.issuer, endpoints: env.endpoints, clientId: env.clientId, authMethod: env.authMethod };
}

/** The scope a new environment starts with, per flavour: the style that flavour's specification declares. */
export function defaultScope(flavour: Flavour): string {
  return isV1Family(flavour) ? SCOPE_PRESETS.camaraV1 : flavour === 'v0.10' ? SCOPE_PRESETS.v0_10 : SCOPE_PRESETS.legacy;
}

/** An entry of the `qod.environments` setting that cannot be used, and why (the field and the rule). */
export interface IgnoredEntry {
  /** Position in the setting's array, from 0. */
  index: number;
  /** The entry's id when it has one that is a string. */
  id?: string;
  reason: string;
}

export interface ReadEnvironments {
  environments: Environment[];
  ignored: IgnoredEntry[];
}

/**
 * The one place that decides whether a `qod.environments` entry is usable. Every entry comes out either as an
 * environment or as ignored with its reason: nothing disappears silently. `reservedIds` are the built-in ones.
 */
export function readEnvironments(raw: unknown, reservedIds: readonly string[] = []): ReadEnvironments {
  const out: ReadEnvironments = { environments: [], ignored: [] };
  if (raw === undefined || raw === null) return out;
  if (!Array.isArray(raw))
    return { environments: [], ignored: [{ index: 0, reason: 'qod.environments: must be an array of environments' }] };
  const seen = new Set<string>();
  raw.forEach((entry, index) => {
    const checked = checkEnvironmentEntry(entry, reservedIds, seen);
    if ('reason' in checked) {
      const id = (entry as { id?: unknown } | null)?.id;
      out.ignored.push({ index, ...(typeof id === 'string' && id ? { id } : {}), reason: checked.reason });
    } else {
      seen.add(checked.environment.id);
      out.environments.push(checked.environment);
    }
  });
  return out;
}

/** C0 and C1 control characters: a line break inside a URL would reach exported scripts and HTTP headers. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * Plain http only on loopback, as sign-in allows it; `undefined` when the URL is usable. Surrounding blanks are
 * trimmed first (a pasted URL often has them); anything else that URL parsing would silently drop or re-encode
 * (a control character, a space) is refused, so what is stored is what was checked.
 */
export function urlProblem(field: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return `${field}: must be a URL`;
  const text = value.trim();
  if (CONTROL.test(text)) return `${field}: must not contain control characters (a line break, a tab, …)`;
  if (!URL.canParse(text)) return `${field}: "${shorten(text)}" is not a URL`;
  if (/\s/.test(text)) return `${field}: must not contain spaces`;
  const url = new URL(text);
  if (url.protocol !== 'https:' && !isLoopbackHttpUrl(text))
    return `${field}: must use https:// (plain http only on 127.0.0.1, localhost or [::1])`;
  if (url.username || url.password) return `${field}: must not carry a user name or password (secrets go to SecretStorage)`;
  return undefined;
}

/** The form a URL is stored in, once `urlProblem` has passed it: trimmed and normalised by the URL parser. */
export function normalisedUrl(value: string): string {
  return new URL(value.trim()).href;
}

/** A `paths.*` value: a plain absolute path, nothing a script or a request line could read as more than that. */
export function pathProblem(field: string, value: unknown): string | undefined {
  const rule =
    `${field}: must be a path starting with / ` +
    '(letters, digits and - . _ ~ % : @ + , ; = !; no spaces, control characters, ?, #, // or .. segments)';
  if (typeof value !== 'string' || !/^\/[A-Za-z0-9\-._~%:@+,;=!/]*$/.test(value)) return rule;
  if (value.includes('//') || value.split('/').some((segment) => segment === '.' || segment === '..')) return rule;
  return undefined;
}

/** The scope a custom environment starts with when its entry names none (the flavour's own style; v1 when unset). */
export function entryScope(flavour: Flavour | undefined): string {
  return defaultScope(flavour ?? 'v1');
}

const ENDPOINT_FIELDS = ['authorization', 'token', 'backchannelAuthentication', 'revocation'] as const;

/** One entry, checked field by field; the first broken rule is the reason. `taken`: ids of earlier entries. */
export function checkEnvironmentEntry(
  entry: unknown,
  reservedIds: readonly string[] = [],
  taken: ReadonlySet<string> = new Set(),
): { environment: Environment } | { reason: string } {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return { reason: 'must be an object with at least "id" and "clientId"' };
  const e = entry as Record<string, unknown>;
  const fail = (reason: string) => ({ reason });
  if (typeof e.id !== 'string' || !e.id.trim()) return fail('id: missing (a name of your choice, unique among environments)');
  if (reservedIds.includes(e.id)) return fail(`id: "${e.id}" is a built-in environment's; choose another`);
  if (taken.has(e.id)) return fail(`id: "${e.id}" is used by an earlier entry (ids must be unique)`);
  if (typeof e.clientId !== 'string' || !e.clientId.trim()) return fail("clientId: missing (your application's client id at the provider)");
  for (const field of ['label', 'scope', 'loginHint'] as const) {
    if (e[field] !== undefined && typeof e[field] !== 'string') return fail(`${field}: must be a string`);
  }
  if (e.preset !== undefined && e.preset !== 'telefonica' && e.preset !== 'custom')
    return fail(`preset: must be "telefonica" or "custom" (got ${quote(e.preset)})`);
  if (e.flavour !== undefined && !isFlavour(e.flavour))
    return fail(`flavour: must be one of ${FLAVOURS.join(', ')} (got ${quote(e.flavour)})`);
  if (e.authMethod !== undefined && !(CLIENT_AUTH_METHODS as readonly unknown[]).includes(e.authMethod)) {
    return fail(`authMethod: must be one of ${CLIENT_AUTH_METHODS.join(', ')} (got ${quote(e.authMethod)})`);
  }
  const flavour = e.flavour as Flavour | undefined;
  const authMethod = e.authMethod as ClientAuthMethod | undefined;
  const [id, clientId] = [e.id, e.clientId.trim()];
  const label = e.label as string | undefined;
  const scope = e.scope as string | undefined;
  const loginHint = e.loginHint as string | undefined;
  // A preset needs only an id and a client id; anything else given overrides the preset's value.
  if (e.preset === 'telefonica') {
    const preset = telefonicaEnvironment(clientId, flavour);
    return {
      environment: {
        ...preset,
        id,
        label: label ?? preset.label,
        authMethod: authMethod ?? preset.authMethod,
        scope: scope ?? preset.scope,
        loginHint: loginHint ?? preset.loginHint,
      },
    };
  }
  if (e.telcoFinder !== undefined) return aggregatorEntry(e, { id, clientId, label, scope, loginHint, flavour, authMethod });
  if (e.apiBase === undefined) return fail("apiBase: missing (the root of the provider's APIs, like https://api.example.com)");
  const apiBaseProblem = urlProblem('apiBase', e.apiBase);
  if (apiBaseProblem) return fail(apiBaseProblem);
  if (e.issuer !== undefined) {
    const problem = urlProblem('issuer', e.issuer);
    if (problem) return fail(problem);
  }
  if (e.endpoints !== undefined && (typeof e.endpoints !== 'object' || e.endpoints === null || Array.isArray(e.endpoints)))
    return fail('endpoints: must be an object');
  const endpoints = e.endpoints as Record<string, unknown> | undefined;
  for (const name of ENDPOINT_FIELDS) {
    if (endpoints?.[name] === undefined) continue;
    const problem = urlProblem(`endpoints.${name}`, endpoints[name]);
    if (problem) return fail(problem);
  }
  // Every flow ends at the token endpoint: it comes from discovery or is set by hand.
  if (e.issuer === undefined && endpoints?.token === undefined)
    return fail('issuer: missing (set the issuer, for discovery, or endpoints.token by hand)');
  if (e.paths !== undefined) {
    if (typeof e.paths !== 'object' || e.paths === null || Array.isArray(e.paths)) return fail('paths: must be an object');
    for (const [name, value] of Object.entries(e.paths)) {
      if (name !== 'sessions' && name !== 'profiles' && name !== 'provisioning') {
        return fail(`paths.${name}: unknown (only sessions, profiles and provisioning)`);
      }
      const problem = pathProblem(`paths.${name}`, value);
      if (problem) return fail(problem);
    }
  }
  const known = endpoints
    ? Object.fromEntries(ENDPOINT_FIELDS.filter((n) => endpoints[n] !== undefined).map((n) => [n, normalisedUrl(endpoints[n] as string)]))
    : undefined;
  return {
    environment: {
      id,
      label: label ?? id,
      preset: 'custom',
      ...(e.issuer !== undefined ? { issuer: normalisedUrl(e.issuer as string) } : {}),
      ...(known ? { endpoints: known } : {}),
      apiBase: normalisedUrl(e.apiBase as string),
      ...(e.paths !== undefined ? { paths: e.paths as Environment['paths'] } : {}),
      flavour: flavour ?? 'v1',
      clientId,
      authMethod: authMethod ?? 'client_secret_basic',
      scope: scope ?? entryScope(flavour),
      ...(loginHint !== undefined ? { loginHint } : {}),
    },
  };
}

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
const quote = (value: unknown) => (typeof value === 'string' ? `"${shorten(value)}"` : (JSON.stringify(value) ?? String(value)));

/**
 * An aggregator's entry: its Telco Finder routes each request to an operator, whose issuer and API root come from
 * the routing step; so the entry has neither (nor endpoints), only what every operator shares.
 */
function aggregatorEntry(
  e: Record<string, unknown>,
  shared: Pick<Environment, 'id' | 'clientId'> & Partial<Pick<Environment, 'label' | 'scope' | 'loginHint' | 'flavour' | 'authMethod'>>,
): { environment: Environment } | { reason: string } {
  const problem = urlProblem('telcoFinder', e.telcoFinder);
  if (problem) return { reason: problem };
  for (const field of ['issuer', 'apiBase', 'endpoints'] as const) {
    if (e[field] !== undefined)
      return { reason: `${field}: an aggregator (telcoFinder) has none: each operator's comes from the routing step` };
  }
  const telcoFinder = normalisedUrl(e.telcoFinder as string).replace(/\/+$/, '');
  return {
    environment: {
      id: shared.id,
      label: shared.label ?? shared.id,
      preset: 'custom',
      apiBase: telcoFinder,
      telcoFinder,
      flavour: shared.flavour ?? 'v1',
      clientId: shared.clientId,
      authMethod: shared.authMethod ?? 'client_secret_basic',
      scope: shared.scope ?? entryScope(shared.flavour),
      ...(shared.loginHint !== undefined ? { loginHint: shared.loginHint } : {}),
    },
  };
}
