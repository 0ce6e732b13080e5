// `{{$qod.advisedProfile}}`: the QoS profile the advisor recommends for what the file's (or the request's)
// `# @qod needs` line says, at the operator the request goes to (its own catalogue, for the request's device where
// the API lists per device). The advisor's one core call, as every other face makes it.
import { adviseAcross, clientTarget } from '../advisor/advise';
import { parseNeedsText } from '../advisor/needs';
import { deviceOfHint } from '../routing/route-target';
import type { Runtime } from '../runtime';
import type { Line, NeedsLine } from './model';

export type Advised = { profile: string } | { problem: string; line?: Line };

export async function adviseForRequest(
  needs: NeedsLine | undefined,
  device: string | undefined,
  runtime: Runtime,
  signal?: AbortSignal,
): Promise<Advised> {
  if (!needs) return { problem: '{{$qod.advisedProfile}} needs a # @qod needs line (what the app needs: # @qod needs latency<=50ms)' };
  const parsed = parseNeedsText(needs.text);
  if (!parsed.ok) return { problem: `# @qod needs: ${parsed.issues.map((i) => i.message).join('; ')}`, line: needs.line };
  const found = device === undefined ? undefined : deviceOfHint(device);
  const forDevice = found && 'device' in found ? found.device : undefined;
  const { environment, client } = runtime;
  const [advice] = await adviseAcross(parsed.needs, [clientTarget(environment.id, environment.label, environment.flavour, client)], {
    device: forDevice,
    signal,
  });
  if (!advice?.ok) return { problem: `{{$qod.advisedProfile}}: no advice from ${environment.label}: ${advice?.error ?? 'no answer'}` };
  const recommended = advice.advice.recommended;
  if (!recommended) return { problem: `{{$qod.advisedProfile}}: at ${environment.label}, ${advice.advice.summary}`, line: needs.line };
  return { profile: recommended.name };
}
