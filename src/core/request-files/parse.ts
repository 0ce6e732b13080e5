// The request-file parser: text in the `.http` convention (REST Client, httpYac, JetBrains) → a RequestFile
// (model.ts). Written here rather than taken from httpYac: its core brings a JS runtime, plugins and its own
// sign-in, where we need a small, pure subset that our runner and editor share. Pure and linear: one pass to
// find the `###` blocks, one pass over each block's lines; no regular expression that can backtrack over a
// line twice, so hostile input (10 MB, one huge line, NUL bytes) costs time in proportion to its size. It never
// throws: what it cannot read becomes a ParseProblem at its line and the rest is still read.
//
// Grammar, per block (a block runs from a `###` line, whose text is its title, to the next; a file without
// `###` is one block):
//   before the request line: blank lines, comments (`#`, `//`), `# @name create`, `@name = value` (file variables
//   until the first request line, request variables after), `# @qod sign-in <flow> [login hint]` (only before
//   the first request line), `# @qod route <device>` (the request goes to the operator serving that device, through
//   an aggregator), `# @qod needs <needs>` (what `{{$qod.advisedProfile}}` advises for: the file's before the first
//   request line, a request's own in its block), `# @qod network <device> <script>` (the sandbox's network script for
//   the device, set before the request is sent);
//   the request line `METHOD URL [HTTP/1.1]` (a bare URL is a GET), then `?…`/`&…` lines continuing its query;
//   headers `Name: value` up to the first blank line (a body needs that blank line, as in REST Client);
//   the body up to the end of the block, except the lines at its end that are blank, comments, `?? …`
//   assertions or `# @qod eventually … within 30s` (so a comment right before `###` is a comment, not body).
import { parseNeedsText } from '../advisor/needs';
import { REFERENCE_SHAPE } from './environment-file';
import type {
  Assertion,
  AssertionOperator,
  AssertionSubject,
  FileRequest,
  Line,
  ParseProblem,
  RequestFile,
  SignInLine,
  Variable,
} from './model';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const SUBJECTS: readonly AssertionSubject[] = ['status', 'header', 'body', 'duration'];
const VALUE_OPERATORS: readonly AssertionOperator[] = [
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'includes',
  'contains',
  'startsWith',
  'endsWith',
  'matches',
];
const NO_VALUE_OPERATORS: readonly AssertionOperator[] = ['exists', 'isFalse', 'isTrue', 'isNumber', 'isString', 'isBoolean', 'isArray'];
/** httpYac's hash checks (`?? body sha256 …`): not read here, so named as the unknown operator. */
const HASH_OPERATORS = new Set(['sha256', 'sha512', 'md5']);
const COMPARISONS = new Set<string>(['==', '!=', '<', '<=', '>', '>=']);
const FLOWS: readonly SignInLine['flow'][] = ['ciba', 'authorization_code', 'client_credentials'];

/** `eventually … within` is bounded: a file cannot make a run wait longer than this. */
export const MAX_EVENTUALLY_MS = 10 * 60 * 1000;
/** A request line, header, variable or assertion longer than this is refused (bodies are not limited). */
const MAX_LINE = 65_536;
/** Past this many problems the rest are not reported: a binary file would otherwise give one per line. */
const MAX_PROBLEMS = 200;

const HEADER = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$/s;
const VARIABLE = /^@([A-Za-z_$][\w.$-]*)\s*=\s*(.*)$/s;
const REQUEST_NAME = /^[A-Za-z_][\w-]*$/;
const HTTP_VERSION = /^HTTP\/\d(\.\d)?$/i;
const NUMBER = /^-?\d+(\.\d+)?$/;

interface Context {
  file: RequestFile;
  lines: string[];
  /** A request line has been read: later `@x = y` lines are request variables, a sign-in line is too late. */
  seenRequest: boolean;
  /** Request names already used, with their line, to refuse a second `# @name create`. */
  names: Map<string, Line>;
}

export function parseRequestFile(text: string): RequestFile {
  const file: RequestFile = { variables: [], requests: [], problems: [] };
  const source = typeof text === 'string' ? text : '';
  const lines = (source.charCodeAt(0) === 0xfeff ? source.slice(1) : source).split(/\r\n|\r|\n/);
  const context: Context = { file, lines, seenRequest: false, names: new Map() };
  let from = 0;
  let title: string | undefined;
  let startLine = 1;
  for (let index = 0; index < lines.length; index++) {
    const trimmed = (lines[index] as string).trimStart();
    if (!trimmed.startsWith('###')) continue;
    parseBlock(context, from, index, startLine, title);
    title = clipTitle(trimmed.replace(/^#+/, '').trim());
    startLine = index + 1;
    from = index + 1;
  }
  parseBlock(context, from, lines.length, startLine, title);
  // A block reports some problems after reading it (a name used twice): in line order for the editor and the CLI.
  file.problems.sort((a, b) => a.line - b.line);
  if (file.problems.length > MAX_PROBLEMS) {
    const last = file.problems[MAX_PROBLEMS - 1] as ParseProblem;
    file.problems.length = MAX_PROBLEMS;
    file.problems.push({ line: last.line, message: `More than ${MAX_PROBLEMS} problems: the rest are not reported.` });
  }
  return file;
}

/** One block: lines [from, to) of the file, 0-based. */
function parseBlock(context: Context, from: number, to: number, startLine: Line, title: string | undefined): void {
  const { lines } = context;
  const meta: BlockMeta = { variables: [], assertions: [] };
  let index = from;

  // Before the request line.
  for (; index < to; index++) {
    const trimmed = (lines[index] as string).trim();
    if (!trimmed) continue;
    const line = index + 1;
    if (trimmed.length > MAX_LINE) {
      problem(context, line, `This line is longer than ${MAX_LINE} characters.`);
      continue;
    }
    if (isComment(trimmed)) readComment(context, meta, trimmed, line, 'before');
    else if (trimmed.startsWith('??')) problem(context, line, 'An assertion (?? …) goes after its request line.');
    else if (trimmed.startsWith('@')) {
      const variable = readVariable(context, trimmed, line);
      if (variable) (context.seenRequest ? meta.variables : context.file.variables).push(variable);
    } else break;
  }
  if (index >= to) {
    if (meta.name) problem(context, meta.name.line, `# @name ${meta.name.value} names no request: this block has no request line.`);
    if (meta.variables.length) {
      problem(
        context,
        (meta.variables[0] as Variable).line,
        'These variables are in a block without a request: put them in a request\u2019s block or before the first request.',
      );
    }
    return;
  }

  // The request line and its query continuation lines.
  const requestLine = index + 1;
  const target = readRequestLine(context, (lines[index] as string).trim(), requestLine);
  context.seenRequest = true;
  if (!target) return;
  let url = target.url;
  for (index++; index < to; index++) {
    const trimmed = (lines[index] as string).trim();
    if (!(trimmed.startsWith('?') || trimmed.startsWith('&')) || trimmed.startsWith('??')) break;
    url += trimmed;
  }

  // Headers, up to the first blank line.
  const request: FileRequest = {
    line: requestLine,
    startLine,
    endLine: requestLine,
    method: target.method,
    url,
    headers: [],
    variables: meta.variables,
    assertions: meta.assertions,
  };
  if (title) request.title = title;
  for (; index < to; index++) {
    const trimmed = (lines[index] as string).trim();
    const line = index + 1;
    if (!trimmed) {
      index++;
      break;
    }
    if (trimmed.length > MAX_LINE) {
      problem(context, line, `This line is longer than ${MAX_LINE} characters.`);
      continue;
    }
    if (isComment(trimmed)) {
      readComment(context, meta, trimmed, line, 'after');
      continue;
    }
    if (trimmed.startsWith('??')) {
      readAssertion(context, meta, trimmed.slice(2), trimmed, line);
      continue;
    }
    if (trimmed.startsWith('@')) {
      const variable = readVariable(context, trimmed, line);
      if (variable) meta.variables.push(variable);
      continue;
    }
    const header = HEADER.exec(trimmed);
    if (header) {
      request.headers.push({ name: header[1] as string, value: (header[2] as string).trim(), line });
      continue;
    }
    // REST Client's rule: the body starts after a blank line. Say so once and read the rest as the body.
    problem(context, line, 'This line is not a header (Name: value): a body starts after a blank line.');
    break;
  }

  // The body, without the blank lines, comments and assertions at the end of the block.
  let end = to;
  while (end > index && isTrailing((lines[end - 1] as string).trim())) end--;
  while (index < end && !(lines[index] as string).trim()) index++;
  end = withoutScripts(context, lines, index, end);
  if (index < end) {
    request.body = lines.slice(index, end).join('\n');
    request.bodyLine = index + 1;
  }
  for (let trailing = end; trailing < to; trailing++) {
    const trimmed = (lines[trailing] as string).trim();
    const line = trailing + 1;
    if (!trimmed) continue;
    if (trimmed.length > MAX_LINE) problem(context, line, `This line is longer than ${MAX_LINE} characters.`);
    else if (trimmed.startsWith('??')) readAssertion(context, meta, trimmed.slice(2), trimmed, line);
    else readComment(context, meta, trimmed, line, 'after');
  }
  let last = to - 1;
  while (last >= requestLine && !(lines[last] as string).trim()) last--;
  request.endLine = Math.max(requestLine, last + 1);
  if (meta.name) {
    request.name = meta.name.value;
    const earlier = context.names.get(meta.name.value);
    if (earlier !== undefined) {
      problem(context, meta.name.line, `The name ${meta.name.value} is already used on line ${earlier}: names must differ.`);
    } else context.names.set(meta.name.value, meta.name.line);
  }
  request.variables = meta.variables;
  request.assertions = meta.assertions;
  if (meta.route) request.route = meta.route;
  if (meta.needs) request.needs = meta.needs;
  if (meta.network) request.network = meta.network;
  context.file.requests.push(request);
}

/**
 * Where the body ends, refusing what other tools run but we do not: a response handler script (`> {% … %}`,
 * JetBrains and httpYac) and a body read from a file (`< ./body.json`, REST Client). Sending them as text would
 * hide the mistake, so each is a problem at its line and not part of the body.
 */
function withoutScripts(context: Context, lines: string[], from: number, end: number): number {
  if (from < end && (lines[from] as string).trimStart().startsWith('< ')) {
    problem(context, from + 1, 'A body read from a file (< path) is not supported: write the body in the request file.');
    return from;
  }
  for (let index = from; index < end; index++) {
    if ((lines[index] as string).trimStart().startsWith('> {%')) {
      problem(context, index + 1, 'Response handler scripts (> {% … %}) are not run here: use ?? assertions.');
      return index;
    }
  }
  return end;
}

interface BlockMeta {
  name?: { value: string; line: Line };
  route?: { hint: string; line: Line };
  needs?: { text: string; line: Line };
  network?: { device: string; script: string; line: Line };
  variables: Variable[];
  assertions: Assertion[];
}

function isComment(trimmed: string): boolean {
  return trimmed.startsWith('#') || trimmed.startsWith('//');
}

function isTrailing(trimmed: string): boolean {
  return !trimmed || trimmed.startsWith('??') || isComment(trimmed);
}

/** A comment: `# @name …`, `# @qod …`, or a plain comment (other tools' `# @no-redirect`, `# @prompt` included). */
function readComment(context: Context, meta: BlockMeta, trimmed: string, line: Line, where: 'before' | 'after'): void {
  const text = trimmed.replace(/^(#+|\/\/+)/, '').trim();
  if (!text.startsWith('@')) return;
  const words = text.split(/\s+/);
  if (words[0] === '@name') {
    const name = words[1];
    if (!name || words.length > 2 || !REQUEST_NAME.test(name)) {
      problem(context, line, 'A request name is one word of letters, digits, _ and -: # @name createSession.');
    } else if (meta.name) {
      problem(context, line, `This request is already named ${meta.name.value} (line ${meta.name.line}).`);
    } else meta.name = { value: name, line };
    return;
  }
  if (words[0] !== '@qod') return;
  const what = words[1];
  if (what === 'sign-in') return readSignIn(context, words, line);
  if (what === 'route' || what === 'needs' || what === 'network') {
    if (where === 'after') return problem(context, line, `# @qod ${what} goes before its request line.`);
    if (what === 'route') return readRoute(context, meta, words, line);
    if (what === 'network') return readNetwork(context, meta, words, line);
    const needs = { text: text.slice(text.indexOf('needs') + 'needs'.length).trim(), line };
    if (!needs.text) return problem(context, line, '# @qod needs names what the app needs: # @qod needs latency<=50ms down>=2Mbps.');
    const read = parseNeedsText(needs.text);
    if (!read.ok) return problem(context, line, `# @qod needs: ${read.issues.map((i) => i.message).join('; ')}`);
    // Before the first request line it holds for the whole file; in a request's block, for that request.
    if (context.seenRequest) meta.needs = needs;
    else if (context.file.needs) problem(context, line, `The file already says what it needs (line ${context.file.needs.line}).`);
    else context.file.needs = needs;
    return;
  }
  if (what === 'eventually') {
    if (where === 'before') problem(context, line, 'An assertion (# @qod eventually …) goes after its request line.');
    else readEventually(context, meta, text.slice(text.indexOf('eventually') + 'eventually'.length), trimmed, line);
    return;
  }
  problem(
    context,
    line,
    `Unknown # @qod line${what ? ` '${clip(what)}'` : ''}: supported are ` +
      '# @qod sign-in <ciba|authorization_code|client_credentials> [login hint], # @qod route <device>, ' +
      '# @qod needs <what the app needs>, # @qod network <device> <script> and # @qod eventually <assertion> within <N>s.',
  );
}

/** `# @qod network <device> <script>`: the sandbox's network does this to the device, set before the request is sent. */
function readNetwork(context: Context, meta: BlockMeta, words: string[], line: Line): void {
  if (words.length !== 4) {
    return problem(context, line, '# @qod network names a device and a script: # @qod network +34666666661 network-ends:30s.');
  }
  if (meta.network) return problem(context, line, `This request already sets a network script (line ${meta.network.line}).`);
  meta.network = { device: words[2] as string, script: words[3] as string, line };
}

/** `# @qod route <device>`: through an aggregator, the request goes to the operator serving that device. */
function readRoute(context: Context, meta: BlockMeta, words: string[], line: Line): void {
  if (words.length !== 3) {
    return problem(context, line, '# @qod route names one device: # @qod route +34666666661 (a phone number or an IP address).');
  }
  if (meta.route) return problem(context, line, `This request is already routed (line ${meta.route.line}).`);
  meta.route = { hint: words[2] as string, line };
}

function readSignIn(context: Context, words: string[], line: Line): void {
  const { file } = context;
  if (context.seenRequest) return problem(context, line, 'The sign-in line goes before the first request line.');
  if (file.signIn) return problem(context, line, `The file already has a sign-in line (line ${file.signIn.line}).`);
  const flow = words[2];
  if (!flow || !(FLOWS as readonly string[]).includes(flow)) {
    return problem(
      context,
      line,
      `${flow ? `Unknown sign-in flow '${clip(flow)}'` : 'The sign-in line names no flow'}: use ${FLOWS.join(', ')}.`,
    );
  }
  if (words.length > 4) return problem(context, line, 'The sign-in line is # @qod sign-in <flow> [login hint]: one login hint at most.');
  const hint = words[3];
  if (hint && flow === 'client_credentials') {
    return problem(context, line, 'client_credentials signs in the application, not a device: it takes no login hint.');
  }
  file.signIn = { flow: flow as SignInLine['flow'], line, ...(hint ? { loginHint: hint } : {}) };
}

function readVariable(context: Context, trimmed: string, line: Line): Variable | undefined {
  const match = VARIABLE.exec(trimmed);
  if (!match) {
    problem(context, line, 'A variable is written @name = value (name: letters, digits, _, ., -).');
    return undefined;
  }
  // `{{create.response.body.id}}` names an answer: a variable of that shape would hide it, so it is refused.
  if (REFERENCE_SHAPE.test(match[1] as string)) {
    problem(context, line, `The variable ${match[1]} is shaped like a named answer (name.response.…): rename it.`);
    return undefined;
  }
  return { name: match[1] as string, value: (match[2] as string).trim(), line };
}

function readRequestLine(context: Context, trimmed: string, line: Line): { method: string; url: string } | undefined {
  if (trimmed.length > MAX_LINE) {
    problem(context, line, `This request line is longer than ${MAX_LINE} characters.`);
    return undefined;
  }
  const space = trimmed.search(/\s/);
  const first = space < 0 ? trimmed : trimmed.slice(0, space);
  let method = 'GET';
  let rest = trimmed;
  if (METHODS.has(first.toUpperCase())) {
    method = first.toUpperCase();
    rest = space < 0 ? '' : trimmed.slice(space).trim();
  } else if (space > 0 && /^[A-Z]+$/.test(first)) {
    problem(context, line, `Unknown method '${clip(first)}': use ${[...METHODS].join(', ')}.`);
    return undefined;
  }
  const lastSpace = lastWhitespace(rest);
  if (lastSpace > 0 && HTTP_VERSION.test(rest.slice(lastSpace + 1))) rest = rest.slice(0, lastSpace).trimEnd();
  if (!rest) {
    problem(context, line, `${method} needs a URL: METHOD URL [HTTP/1.1].`);
    return undefined;
  }
  // A forgotten request line must not turn the body's first line into a URL: `{`, `[`, `"`, `<` start no URL.
  if (hasSpaceOutsidePlaceholders(rest) || (/^[[\]{}"'<>]/.test(rest) && !rest.startsWith('{{'))) {
    problem(context, line, 'This is not a request line: METHOD URL [HTTP/1.1] (a URL has no spaces).');
    return undefined;
  }
  return { method, url: rest };
}

function lastWhitespace(text: string): number {
  for (let index = text.length - 1; index >= 0; index--) if (/\s/.test(text[index] as string)) return index;
  return -1;
}

/** `{{ host }}/x` is a URL (httpYac allows spaces in a placeholder); `hello world` is not. */
function hasSpaceOutsidePlaceholders(text: string): boolean {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    if (text.startsWith('{{', index)) {
      depth++;
      index++;
    } else if (depth > 0 && text.startsWith('}}', index)) {
      depth--;
      index++;
    } else if (depth === 0 && /\s/.test(text[index] as string)) return true;
  }
  return false;
}

/** `# @qod eventually <assertion> within 30s|500ms`. */
function readEventually(context: Context, meta: BlockMeta, text: string, source: string, line: Line): void {
  const words = tokens(text);
  const within = words[words.length - 2];
  const amount = words[words.length - 1];
  const match = amount && /^(\d{1,9})(ms|s)$/.exec(amount.text);
  if (!within || within.text !== 'within' || !match) {
    return problem(
      context,
      line,
      'An eventually assertion ends with how long to wait: # @qod eventually body qosStatus == AVAILABLE within 30s.',
    );
  }
  const withinMs = Number(match[1]) * (match[2] === 's' ? 1000 : 1);
  if (withinMs <= 0 || withinMs > MAX_EVENTUALLY_MS) {
    return problem(context, line, `An eventually assertion waits more than 0 and at most ${MAX_EVENTUALLY_MS / 60_000} minutes.`);
  }
  readAssertion(context, meta, text.slice(0, within.index), source, line, withinMs);
}

/** `status == 201`, `header content-type includes json`, `body qosStatus == AVAILABLE`, `body sessionId exists`. */
function readAssertion(context: Context, meta: BlockMeta, text: string, source: string, line: Line, withinMs?: number): void {
  const words = tokens(text);
  const subject = words[0]?.text;
  if (!subject) return problem(context, line, 'An assertion says what it checks: ?? status == 201.');
  if (!(SUBJECTS as readonly string[]).includes(subject)) {
    const hint = subject === 'eventually' ? ' (wait for a value with # @qod eventually … within 30s)' : '';
    return problem(
      context,
      line,
      `Unknown assertion subject '${clip(subject)}': supported are ${SUBJECTS.join(', ')}${hint}` +
        ' (httpYac\u2019s js, xpath and others are not read here).',
    );
  }
  let next = 1;
  let path: string | undefined;
  const second = words[1]?.text;
  if ((subject === 'header' || subject === 'body') && second && !isOperator(second) && second !== 'equals' && !HASH_OPERATORS.has(second)) {
    path = second;
    next = 2;
  }
  if (subject === 'header' && !path)
    return problem(context, line, 'A header assertion names the header: ?? header content-type includes json.');
  const operatorWord = words[next];
  if (!operatorWord)
    return problem(context, line, `The assertion has no operator: use ${[...VALUE_OPERATORS, ...NO_VALUE_OPERATORS].join(', ')}.`);
  // httpYac spells == also as `equals`; its hash checks (sha256, sha512, md5) are not read here.
  const operator = operatorWord.text === 'equals' ? '==' : operatorWord.text;
  if (!isOperator(operator)) {
    return problem(
      context,
      line,
      `Unknown assertion operator '${clip(operator)}': use ${[...VALUE_OPERATORS, ...NO_VALUE_OPERATORS].join(', ')}.`,
    );
  }
  const expected = text.slice(operatorWord.index + operatorWord.text.length).trim();
  if ((NO_VALUE_OPERATORS as readonly string[]).includes(operator)) {
    if (expected) return problem(context, line, `${operator} takes no expected value.`);
  } else if (!expected) {
    return problem(context, line, `${operator} needs an expected value.`);
  } else if (
    (subject === 'status' || subject === 'duration') &&
    COMPARISONS.has(operator) &&
    !NUMBER.test(expected) &&
    !expected.includes('{{')
  ) {
    return problem(context, line, `The ${subject} is a number: ?? ${subject} ${operator} ${subject === 'status' ? '201' : '500'}.`);
  }
  const assertion: Assertion = { source, line, subject: subject as AssertionSubject, operator: operator as AssertionOperator };
  if (path) assertion.path = path;
  if (expected) assertion.expected = expected;
  if (withinMs !== undefined) assertion.eventually = { withinMs };
  meta.assertions.push(assertion);
}

function isOperator(word: string): boolean {
  return (VALUE_OPERATORS as readonly string[]).includes(word) || (NO_VALUE_OPERATORS as readonly string[]).includes(word);
}

/** The words of a line with where each starts (so the expected value keeps its inner spaces). */
function tokens(text: string): Array<{ text: string; index: number }> {
  return [...text.matchAll(/\S+/g)].map((match) => ({ text: match[0], index: match.index }));
}

function problem(context: Context, line: Line, message: string): void {
  if (context.file.problems.length <= MAX_PROBLEMS) context.file.problems.push({ line, message });
}

/** A word echoed in a message: short, so a hostile line does not make a huge message. */
function clip(word: string): string {
  return word.length > 40 ? `${word.slice(0, 40)}…` : word;
}

function clipTitle(title: string): string | undefined {
  return title ? title.slice(0, 200) : undefined;
}
