// Where secrets and tokens live. The extension backs this with VS Code's SecretStorage; the CLI and tests
// with memory. Nothing else in the core writes a secret anywhere.

export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  store(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export class MemorySecretStore implements SecretStore {
  readonly #values = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.#values.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    this.#values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.#values.delete(key);
  }

  keys(): string[] {
    return [...this.#values.keys()];
  }
}
