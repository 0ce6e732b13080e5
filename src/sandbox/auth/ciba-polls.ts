// CIBA poll handling that oidc-provider leaves to the deployment: the `interval` a client must respect
// (slow_down adds 5 s for this and every later poll), and when the pretend user approves or denies.
// Time comes from the sandbox clock, so tests can step through a two-minute expiry instantly.
import Provider, { errors, type KoaContextWithOIDC } from 'oidc-provider';
import { PURPOSE_SCOPE } from '../../core/camara/scopes';
import type { Clock } from '../clock';
import { cibaOutcome, lastDigitOf, type CibaOutcome } from '../subscribers';

interface PendingRequest {
  subject: string;
  outcome: CibaOutcome;
  createdAt: number;
  intervalSeconds: number;
  polls: number;
  lastPollAt?: number;
  decided: boolean;
}

export type PollVerdict = 'slow_down' | 'expired_token' | 'continue';

const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';

/**
 * Paces CIBA polls inside oidc-provider's token endpoint: the request is looked up only after the client has
 * authenticated, and only the client it belongs to is paced, so a poll with bad credentials (or another client's)
 * can never push the real client into slow_down. The verdicts are oidc-provider's own errors, rendered as it does.
 */
export function paceCibaPolls(provider: Provider, polls: CibaPolls): void {
  type Request = { clientId: string };
  type Find = (id: string, options?: { ignoreExpiration?: boolean }) => Promise<Request | undefined>;
  const model = provider.BackchannelAuthenticationRequest as unknown as { find: Find };
  const find: Find = model.find.bind(model);
  model.find = async (id, options) => {
    const found = await find(id, options);
    const ctx = (Provider as unknown as { ctx?: KoaContextWithOIDC }).ctx;
    const oidc = ctx?.oidc;
    if (!found || !ctx || oidc?.route !== 'token' || oidc.params?.grant_type !== CIBA_GRANT) return found;
    if (oidc.client?.clientId !== found.clientId || ctx.state.cibaPaced) return found;
    ctx.state.cibaPaced = true;
    const verdict = await polls.onPoll(id);
    const { SlowDown, ExpiredToken } = errors as unknown as Record<'SlowDown' | 'ExpiredToken', new (description: string) => Error>;
    if (verdict === 'slow_down')
      throw new SlowDown(
        `poll no more often than every ${polls.intervalFor(id)} s (${polls.intervalSeconds} s plus 5 s for each slow_down)`,
      );
    if (verdict === 'expired_token') throw new ExpiredToken('the authentication request has expired; start a new one');
    // The poll may just have decided the request: read it again.
    return find(id, options);
  };
}

const OIDC_SCOPES = new Set(['openid', 'offline_access', PURPOSE_SCOPE]);

export class CibaPolls {
  readonly #pending = new Map<string, PendingRequest>();

  constructor(
    private readonly provider: () => Provider,
    private readonly clock: Clock,
    readonly intervalSeconds: number,
    private readonly expiresInSeconds: number,
  ) {}

  register(authReqId: string, subject: string): void {
    this.#sweep();
    this.#pending.set(authReqId, {
      subject,
      outcome: cibaOutcome(lastDigitOf(subject)),
      createdAt: this.clock.now(),
      intervalSeconds: this.intervalSeconds,
      polls: 0,
      decided: false,
    });
  }

  /** The interval the client must respect now for this request, seconds. */
  intervalFor(authReqId: string): number {
    return this.#pending.get(authReqId)?.intervalSeconds ?? this.intervalSeconds;
  }

  /** Runs inside oidc-provider's CIBA token request, after client authentication; may approve or deny the request first. */
  async onPoll(authReqId: string): Promise<PollVerdict> {
    const pending = this.#pending.get(authReqId);
    if (!pending) return 'continue';
    const now = this.clock.now();
    if (now >= pending.createdAt + this.expiresInSeconds * 1000) return 'expired_token';
    if (pending.lastPollAt !== undefined && now - pending.lastPollAt < pending.intervalSeconds * 1000) {
      pending.intervalSeconds += 5;
      pending.lastPollAt = now;
      return 'slow_down';
    }
    pending.lastPollAt = now;
    pending.polls += 1;
    if (!pending.decided) await this.#decide(authReqId, pending);
    return 'continue';
  }

  async #decide(authReqId: string, pending: PendingRequest): Promise<void> {
    const { outcome } = pending;
    if (outcome.kind === 'never') return;
    if (outcome.kind === 'approve' && pending.polls < outcome.afterPolls) return;
    pending.decided = true;
    const provider = this.provider();
    const request = await provider.BackchannelAuthenticationRequest.find(authReqId, { ignoreExpiration: true });
    if (!request) return;
    if (outcome.kind === 'deny') {
      await provider.backchannelResult(request, new errors.AccessDenied('the subscriber declined the request'));
      return;
    }
    const grant = new provider.Grant({ clientId: request.clientId, accountId: request.accountId });
    const scopes = String(request.scope ?? '')
      .split(' ')
      .filter(Boolean);
    grant.addOIDCScope(scopes.filter((s) => OIDC_SCOPES.has(s)).join(' '));
    const resource = typeof request.resource === 'string' ? request.resource : undefined;
    if (resource) grant.addResourceScope(resource, scopes.filter((s) => !OIDC_SCOPES.has(s)).join(' '));
    await grant.save();
    await provider.backchannelResult(request, grant);
  }

  #sweep(): void {
    const horizon = this.clock.now() - (this.expiresInSeconds + 600) * 1000;
    for (const [id, p] of this.#pending) if (p.createdAt < horizon) this.#pending.delete(id);
  }
}
