// Every encoded scenario, and the ones a run picks (a release, optionally one API).
import type { CheckApi, Release, Scenario } from './model';
import { PROFILE_SCENARIOS } from './scenarios/profiles';
import { PROVISIONING_SCENARIOS } from './scenarios/provisioning';
import { QOD_SCENARIOS } from './scenarios/qod';

export const CATALOGUE: readonly Scenario[] = [...QOD_SCENARIOS, ...PROFILE_SCENARIOS, ...PROVISIONING_SCENARIOS];

export function scenariosFor(release: Release, api?: CheckApi): Scenario[] {
  return CATALOGUE.filter((s) => s.releases.includes(release) && (api === undefined || s.api === api));
}
