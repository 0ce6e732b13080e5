// QoD: Check This Provider: CAMARA's test-definition scenarios against the active environment, results in the
// Testing view (src/vscode/provider-check.ts). One test controller per window, made on first use.
import type { CheckResult } from '../core/check/model';
import { ProviderCheck, type CheckArgs } from '../vscode/provider-check';
import type { Services } from '../vscode/services';

const checks = new WeakMap<Services, ProviderCheck>();

export async function checkProvider(s: Services, args?: CheckArgs): Promise<CheckResult[] | undefined> {
  let check = checks.get(s);
  if (!check) {
    check = new ProviderCheck(s);
    checks.set(s, check);
    s.context.subscriptions.push(check);
  }
  return check.check(args);
}
