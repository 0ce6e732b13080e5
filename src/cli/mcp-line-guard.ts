// Frames stdin into lines for the MCP SDK's stdio transport and keeps an over-long line out of it. The SDK
// answers a line past its 10 MiB buffer by closing the transport, so `qod mcp` exited 0 with the request
// unanswered; here such a line is skipped as it streams (never held in memory), the sender gets a JSON-RPC
// error for it, and the lines after it are served as usual.
import { Transform, type TransformCallback } from 'node:stream';

/** What is known of a skipped line: its size and, when it could be read cheaply, the request's id. */
export interface OversizeLine {
  bytes: number;
  id: string | number | null;
}

/** The bytes of a skipped line kept to find its id: a top-level id comes first or last in practice. */
const EDGE = 512;
const NEWLINE = 0x0a;

export class LineGuard extends Transform {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  /** Set while the rest of an over-long line is skipped. */
  #skipping: { head: Buffer; tail: Buffer; bytes: number } | undefined;

  constructor(
    readonly maxLineBytes: number,
    private readonly onOversize: (line: OversizeLine) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const piece = chunk.subarray(start, newline === -1 ? chunk.length : newline);
      this.#take(piece);
      if (newline === -1) break;
      this.#endLine();
      start = newline + 1;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.#skipping || this.#pendingBytes) this.#endLine();
    done();
  }

  #take(piece: Buffer): void {
    if (this.#skipping) {
      this.#skipping.bytes += piece.length;
      this.#skipping.tail = lastBytes(Buffer.concat([this.#skipping.tail, piece]));
    } else if (this.#pendingBytes + piece.length > this.maxLineBytes) {
      const head = Buffer.concat([...this.#pending, piece.subarray(0, EDGE)]).subarray(0, EDGE);
      const tail = lastBytes(Buffer.concat([...this.#pending.slice(-1), piece]));
      this.#skipping = { head, tail, bytes: this.#pendingBytes + piece.length };
      this.#pending = [];
      this.#pendingBytes = 0;
    } else if (piece.length) {
      this.#pending.push(piece);
      this.#pendingBytes += piece.length;
    }
  }

  #endLine(): void {
    const skipped = this.#skipping;
    if (skipped) {
      this.#skipping = undefined;
      this.onOversize({ bytes: skipped.bytes, id: requestId(skipped.head.toString('utf8'), skipped.tail.toString('utf8')) });
      return;
    }
    this.push(Buffer.concat([...this.#pending, Buffer.from('\n')]));
    this.#pending = [];
    this.#pendingBytes = 0;
  }
}

function lastBytes(buffer: Buffer): Buffer {
  return buffer.length > EDGE ? Buffer.from(buffer.subarray(buffer.length - EDGE)) : buffer;
}

// A string, or a whole integer (not the start of 1.5 or 1e400).
const ID = String.raw`("(?:[^"\\]|\\.){0,200}"|-?\d{1,20}(?![\d.eE]))`;
/** `{"id":…` or `{"jsonrpc":"2.0","method":"…","id":…`: only short string members before it, so top level. */
const HEAD_ID = new RegExp(String.raw`^\s*\{(?:\s*"(?:jsonrpc|method)"\s*:\s*"[^"]{0,100}"\s*,)*\s*"id"\s*:\s*${ID}`);
/** `…,"id":…}` at the very end: the object's last closing brace follows, so top level (the SDK's own order). */
const TAIL_ID = new RegExp(String.raw`,\s*"id"\s*:\s*${ID}\s*\}\s*$`);

/** The id of the request on a line too long to parse, from its first and last bytes only; null if not there. */
export function requestId(head: string, tail: string): string | number | null {
  const match = HEAD_ID.exec(head) ?? TAIL_ID.exec(tail.replace(/\r$/, ''));
  if (!match?.[1]) return null;
  try {
    const id: unknown = JSON.parse(match[1]);
    return typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id)) ? id : null;
  } catch {
    return null;
  }
}
