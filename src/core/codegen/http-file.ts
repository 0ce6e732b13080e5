// Code export as a request file (`.http`): the sign-in as a `# @qod` line, the bases and the token as `{{$qod.…}}`
// variables (so no secret and no token is ever written), the body pretty-printed and the success status asserted.
import { targetsLine, type SnippetRequest } from './model';

/** 201 for a create, 204 for a delete or revoke (no body), else 200: what the operation answers when it succeeds. */
function successStatus(r: SnippetRequest): number {
  if (r.method === 'DELETE') return 204;
  const creates =
    (r.api?.base === 'sessions' && r.api.path === '/sessions') || (r.api?.base === 'provisioning' && r.api.path === '/qos-assignments');
  return r.method === 'POST' && creates ? 201 : 200;
}

export function httpFileSnippet(r: SnippetRequest): string {
  const target = r.api ? `{{$qod.${r.api.base}}}${r.api.path}` : r.url;
  const hint = r.flow === 'ciba' && r.loginHint ? ` ${r.loginHint}` : '';
  const lines = [
    '# QoD request exported from the playground. The token comes from the sign-in below; never write a secret here.',
    ...(r.apiVersion ? [targetsLine(r, '#').trimEnd()] : []),
    `# @qod sign-in ${r.flow}${hint}`,
    '',
    `${r.method} ${target}`,
    'Authorization: Bearer {{$qod.accessToken}}',
  ];
  if (r.body !== undefined) lines.push('Content-Type: application/json', '', JSON.stringify(r.body, null, 2));
  lines.push('', `?? status == ${successStatus(r)}`, '');
  return lines.join('\n');
}
