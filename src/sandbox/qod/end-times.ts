// When each live session ends, soonest first: what Retry-After says at the live-session cap. A binary min-heap
// that knows where each item sits, so a session that is extended, deleted or expires is moved or taken out in
// O(log n). Scanning every live session instead cost milliseconds of CPU per refused create at a cap of 10,000,
// just when a client is retrying hardest.
export class EndTimes<T> {
  readonly #heap: { item: T; at: number }[] = [];
  readonly #position = new Map<T, number>();

  /** Sets (or moves) when `item` ends. */
  set(item: T, at: number): void {
    const i = this.#position.get(item);
    if (i === undefined) {
      this.#heap.push({ item, at });
      this.#position.set(item, this.#heap.length - 1);
      this.#up(this.#heap.length - 1);
      return;
    }
    const entry = this.#heap[i] as { item: T; at: number };
    const earlier = at < entry.at;
    entry.at = at;
    if (earlier) this.#up(i);
    else this.#down(i);
  }

  delete(item: T): void {
    const i = this.#position.get(item);
    if (i === undefined) return;
    this.#position.delete(item);
    const last = this.#heap.pop() as { item: T; at: number };
    if (i === this.#heap.length) return;
    // The last entry fills the hole, then finds its place in whichever direction it belongs.
    this.#heap[i] = last;
    this.#position.set(last.item, i);
    this.#up(i);
    this.#down(this.#position.get(last.item) as number);
  }

  /** The soonest end, or undefined when nothing is held. */
  soonest(): number | undefined {
    return this.#heap[0]?.at;
  }

  get size(): number {
    return this.#heap.length;
  }

  clear(): void {
    this.#heap.length = 0;
    this.#position.clear();
  }

  #up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#at(parent) <= this.#at(i)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(i: number): void {
    const n = this.#heap.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.#at(left) < this.#at(smallest)) smallest = left;
      if (right < n && this.#at(right) < this.#at(smallest)) smallest = right;
      if (smallest === i) return;
      this.#swap(i, smallest);
      i = smallest;
    }
  }

  #at(i: number): number {
    return (this.#heap[i] as { at: number }).at;
  }

  #swap(a: number, b: number): void {
    const ea = this.#heap[a] as { item: T; at: number };
    const eb = this.#heap[b] as { item: T; at: number };
    this.#heap[a] = eb;
    this.#heap[b] = ea;
    this.#position.set(ea.item, b);
    this.#position.set(eb.item, a);
  }
}
