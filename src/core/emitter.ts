// A tiny event emitter for the core (VS Code's EventEmitter is not available here): `event(listener)` answers
// a disposable, so VS Code faces can push it into their subscriptions like any other.

export interface Disposable {
  dispose(): void;
}

export class Emitter<T = void> {
  readonly #listeners = new Set<(value: T) => void>();

  /** Listens until the answer is disposed. */
  readonly event = (listener: (value: T) => void): Disposable => {
    // A wrapper per call, so the same function listening twice is two listeners, as in VS Code.
    const once = (value: T) => listener(value);
    this.#listeners.add(once);
    return {
      dispose: () => {
        this.#listeners.delete(once);
      },
    };
  };

  /** Tells every listener; one that throws does not keep the others from hearing (as VS Code's emitter). */
  fire(value: T): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error(error);
      }
    }
  }

  dispose(): void {
    this.#listeners.clear();
  }
}
