// "Never a secret in a request file": a file goes into git, so a literal credential written in it is flagged
// (the editor shows it, the CLI refuses to run it, nothing writes one). Credentials come from the sign-in
// (`{{$qod.accessToken}}`, `# @qod sign-in …`) or from placeholders the runner resolves; a value made only of
// `{{…}}` placeholders is fine. Names are judged by redact.ts's isSecretName, the one list of credential names.
// Messages name the field and never echo its value.
import { isSecretName } from '../http/redact';

export interface SecretFinding {
  line: number;
  what: string;
}

/** `Name: value`: a header, or a YAML-like line in a body. */
const HEADER = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]{1,100})\s*:\s*(.*)$/s;
/** `@name = value`: a file or request variable. */
const VARIABLE = /^\s*@([A-Za-z_$][\w.$-]{0,99})\s*=\s*(.*)$/s;
/** `name=value` in a form body or a query string. */
const FORM_PAIR = /(?:^|[?&;\s])([A-Za-z_$][\w.$-]{0,99})=([^&;\s]*)/g;
/** `"name": "value"` in JSON text. */
const JSON_PAIR = /"([^"\\]{1,100})"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----/;
/** Authorization schemes: the word before the credential, not part of it. */
const SCHEMES = /^(bearer|basic|digest|dpop|token|negotiate|apikey)\b/i;

export function secretsInFile(text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const source = typeof text === 'string' ? text : '';
  const lines = (source.charCodeAt(0) === 0xfeff ? source.slice(1) : source).split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const what = secretIn(lines[index] as string);
    if (what) findings.push({ line: index + 1, what });
  }
  return findings;
}

/** What credential a line holds literally, in words, or nothing. */
function secretIn(line: string): string | undefined {
  // A commented-out header still puts its token in git: comments are read as the line they hide.
  const trimmed = line.trim().replace(/^(#+|\/\/+)\s*/, '');
  // Assertions compare answers; `# @qod` lines name a flow and a login hint, which is not a credential.
  if (!trimmed || trimmed.startsWith('??') || trimmed.startsWith('@qod')) return undefined;
  if (PEM_PRIVATE_KEY.test(trimmed)) return 'A PEM private key block: keep keys out of request files (the sign-in reads them).';
  const variable = VARIABLE.exec(trimmed);
  if (variable) {
    const name = variable[1] as string;
    return isSecretName(name) && isLiteral(variable[2] as string) ? literal(`The variable ${clip(name)}`) : undefined;
  }
  const header = HEADER.exec(trimmed);
  if (header && isSecretName(header[1] as string) && isLiteral(withoutScheme(header[2] as string))) {
    const name = header[1] as string;
    return /^(proxy-)?authorization$/i.test(name)
      ? 'An Authorization header with a literal credential: use Bearer {{$qod.accessToken}} or a # @qod sign-in line.'
      : literal(clip(name));
  }
  for (const match of trimmed.matchAll(JSON_PAIR)) {
    const name = match[1] as string;
    if (isSecretName(name) && isLiteral(match[2] as string)) return literal(clip(name));
  }
  for (const match of trimmed.matchAll(FORM_PAIR)) {
    const name = match[1] as string;
    if (isSecretName(name, 'form') && isLiteral(match[2] as string)) return literal(clip(name));
  }
  return undefined;
}

/** A JSON Web Token's shape: base64url `{"` header, payload, signature. */
const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/;

/**
 * What literal credential a bare value holds, in words (never the value), or nothing: the value rules for files that
 * hold values without a name to judge by line (http-client.env.json, what the importer writes).
 */
export function literalCredentialIn(value: string): string | undefined {
  const text = typeof value === 'string' ? value.trim() : '';
  if (PEM_PRIVATE_KEY.test(text)) return 'a PEM private key block';
  if (/^(bearer|basic)\s/i.test(text) && isLiteral(withoutScheme(text))) return 'a literal Authorization credential';
  if (JWT.test(text.replace(/\{\{[^{}]*\}\}/g, ''))) return 'a token (JWT)';
  return undefined;
}

function literal(name: string): string {
  return `${name} holds a literal credential: use a {{…}} placeholder or the sign-in instead.`;
}

/** Whether a value holds anything besides `{{…}}` placeholders, quotes, `:` and spaces. */
function isLiteral(value: string): boolean {
  let depth = 0;
  for (let index = 0; index < value.length; index++) {
    if (value.startsWith('{{', index)) {
      depth++;
      index++;
    } else if (depth > 0 && value.startsWith('}}', index)) {
      depth--;
      index++;
    } else if (depth === 0 && !/[\s:"',]/.test(value[index] as string)) return true;
  }
  // `{{eyJ…` never closed is no placeholder.
  return depth > 0;
}

function withoutScheme(value: string): string {
  return value.trim().replace(SCHEMES, '');
}

function clip(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}
