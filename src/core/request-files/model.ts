// What a request file is, once parsed: the `.http` convention that REST Client, httpYac, JetBrains and Visual
// Studio share (requests separated by `###`, `@name = value` variables, `# @name create` to name a request whose
// answer later requests read as `{{create.response.body.sessionId}}`), with httpYac's `?? status == 201`
// assertions, and our own additions written as comments (`# @qod …`) or `{{$qod.…}}` variables, which those tools
// leave alone. The parser (parse.ts) builds it; the runner (run.ts) runs it; every face shows it.

/** A line number is 1-based, as an editor shows it. */
export type Line = number;

export interface RequestFile {
  /** File-level `@name = value` lines (before the first request), in order. */
  variables: Variable[];
  /** `# @qod sign-in <flow> [login hint]`: how the runner signs in before the first request. */
  signIn?: SignInLine;
  /** `# @qod needs …` before the first request: what the app needs, for `{{$qod.advisedProfile}}`. */
  needs?: NeedsLine;
  requests: FileRequest[];
  /** What could not be read, by line; the rest of the file is still read. */
  problems: ParseProblem[];
}

export interface Variable {
  name: string;
  /** The raw value: may hold `{{…}}` placeholders, resolved when a request is sent. */
  value: string;
  line: Line;
}

export interface SignInLine {
  flow: 'ciba' | 'authorization_code' | 'client_credentials';
  /** `tel:+34666666661`, `ipport:203.0.113.25:5000`, … (the flows that name a device). */
  loginHint?: string;
  line: Line;
}

export interface Header {
  name: string;
  /** Raw, with placeholders. */
  value: string;
  line: Line;
}

export interface FileRequest {
  /** `# @name create`: later requests read its answer as `{{create.response…}}`. */
  name?: string;
  /** The text after `###`, if any. */
  title?: string;
  /** The line of `METHOD URL`. */
  line: Line;
  /** The first line of the request's block (its `###` line, or the file's first line). */
  startLine: Line;
  /** The last line of the request's block. */
  endLine: Line;
  method: string;
  /** Raw, with placeholders. */
  url: string;
  headers: Header[];
  /** Raw body text (with placeholders), without the blank line before it; none when the request has no body. */
  body?: string;
  /** The line the body starts on. */
  bodyLine?: Line;
  /** `@name = value` lines inside the block: they hold from this request on. */
  variables: Variable[];
  assertions: Assertion[];
  /** `# @qod route <device>`: through an aggregator, sent to the operator that serves the device (may hold `{{…}}`). */
  route?: { hint: string; line: Line };
  /** `# @qod needs …` in the request's block: overrides the file's for this request. */
  needs?: NeedsLine;
  /** `# @qod network <device> <script>`: the sandbox's network script for the device, set before sending (may hold `{{…}}`). */
  network?: { device: string; script: string; line: Line };
}

/** What the app needs, in the advisor's words (`latency<=50ms down>=2Mbps`), read when the request runs. */
export interface NeedsLine {
  text: string;
  line: Line;
}

/** What an assertion reads from the answer. */
export type AssertionSubject = 'status' | 'body' | 'header' | 'duration';

/** httpYac's operators, the subset this project reads. `exists`/`isFalse`/… take no expected value. */
export type AssertionOperator =
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'includes'
  | 'contains'
  | 'startsWith'
  | 'endsWith'
  | 'matches'
  | 'exists'
  | 'isFalse'
  | 'isTrue'
  | 'isNumber'
  | 'isString'
  | 'isBoolean'
  | 'isArray';

export interface Assertion {
  /** The line as written, for messages. */
  source: string;
  line: Line;
  subject: AssertionSubject;
  /**
   * body: a dotted path into the JSON answer (`qosStatus`, `device.phoneNumber`, `sessions.0.id`), none for the whole
   * body; header: its name.
   */
  path?: string;
  operator: AssertionOperator;
  /** Raw expected value (placeholders resolved when checked); none for operators that take none. */
  expected?: string;
  /**
   * `# @qod eventually … within 30s`: the (read-only) request is sent again, a bounded number of times, until the
   * assertion holds or the time is up — the QoD lifecycle is asynchronous (REQUESTED, then AVAILABLE).
   */
  eventually?: { withinMs: number };
}

export interface ParseProblem {
  line: Line;
  message: string;
}
