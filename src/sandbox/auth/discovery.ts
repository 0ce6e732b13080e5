// What oidc-provider's discovery document cannot be configured to say. Its `discovery` option only fills keys
// the library leaves out, so the two corrections are made on the way out, as its docs suggest for such edits.
import type Provider from 'oidc-provider';
import { ALL_API_SCOPES } from '../../core/camara/scopes';

export function truthfulDiscovery(provider: Provider): void {
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route !== 'discovery' || !ctx.body || typeof ctx.body !== 'object') return;
    const meta = ctx.body as Record<string, unknown>;
    // The QoD API's scopes are resource-server scopes (features.resourceIndicators), which oidc-provider does not
    // list; a client reading discovery should still learn every scope the sandbox grants.
    const listed = Array.isArray(meta.scopes_supported) ? (meta.scopes_supported as string[]) : [];
    meta.scopes_supported = [...new Set([...listed, ...ALL_API_SCOPES])];
    // oidc-provider always says true with CIBA on; the sandbox accepts a user_code and ignores it, so: false.
    meta.backchannel_user_code_parameter_supported = false;
  });
}
