// `{{$qod.advisedProfile}}`: the QoS profile the advisor recommends, for what the file's (or the request's)
// `# @qod needs` line says, at the operator the request goes to, for its device where the API lists per device.
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
  void device;
  void runtime;
  void signal;
  return { problem: 'the advisor is not built yet', line: needs.line };
}
