/** A refusal from the bastion, with the `{Code, Message}` body it sent. */
export class BastionApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    const { Code, Message } = (typeof body === 'object' && body !== null ? body : {}) as { Code?: string; Message?: string };
    super(Code ? `${Code}: ${Message ?? ''}` : `HTTP ${status}`);
    this.name = 'BastionApiError';
  }
}

/** JSON over HTTP to the bastion's API. */
export class BastionHttp {
  constructor(readonly url: string) {}

  async call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: { token?: string; body?: unknown } = {}): Promise<T> {
    const text = await this.send(method, path, options);
    return JSON.parse(text) as T;
  }

  /** The raw body, for recordings. */
  async text(path: string, token: string): Promise<string> {
    return this.send('GET', path, { token });
  }

  private async send(method: string, path: string, options: { token?: string; body?: unknown }): Promise<string> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, {
        method,
        headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch {
      throw new Error(`the bastion at ${this.url} is not answering (set ECS_BASTION_URL, or start the platform)`);
    }
    const text = await response.text();
    if (!response.ok) {
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      throw new BastionApiError(response.status, body);
    }
    return text;
  }
}
