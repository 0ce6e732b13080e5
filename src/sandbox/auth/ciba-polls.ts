// CIBA poll handling that oidc-provider leaves to the deployment: the `interval` a client must respect
// (slow_down adds 5 s for this and every later poll), and when the pretend user approves or denies.
// Time comes from the sandbox clock, so tests can step through a two-minute expiry instantly.
import Provider, { errors } from 'oidc-provider';
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

  /** Runs before oidc-provider answers a CIBA token request; may approve or deny the request first. */
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
    const scopes = String(request.scope ?? '').split(' ').filter(Boolean);
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
