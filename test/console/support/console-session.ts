/** A console operator's browser, minus the browser: the session cookie, the CSRF header, JSON. */
export interface Answer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export class ConsoleSession {
  private cookie = '';
  private csrfToken = '';

  constructor(readonly baseUrl: string) {}

  static async login(baseUrl: string, username: string, password: string): Promise<ConsoleSession> {
    const session = new ConsoleSession(baseUrl);
    const answer = await session.login(username, password);
    if (answer.status !== 200) throw new Error(`login as ${username} failed: ${JSON.stringify(answer.body)}`);
    return session;
  }

  async login(username: string, password: string): Promise<Answer> {
    const answer = await this.call('POST', '/api/v1/session', { username, password });
    const setCookie = answer.headers.get('set-cookie');
    if (answer.status === 200 && setCookie) {
      this.cookie = setCookie.split(';')[0];
      this.csrfToken = String(answer.body.csrfToken);
    }
    return answer;
  }

  get<T = Record<string, unknown>>(path: string): Promise<Answer<T>> {
    return this.call('GET', path);
  }

  put<T = Record<string, unknown>>(path: string, body: unknown): Promise<Answer<T>> {
    return this.call('PUT', path, body);
  }

  post<T = Record<string, unknown>>(path: string, body?: unknown): Promise<Answer<T>> {
    return this.call('POST', path, body);
  }

  patch<T = Record<string, unknown>>(path: string, body: unknown): Promise<Answer<T>> {
    return this.call('PATCH', path, body);
  }

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T, headers: response.headers };
  }

  withoutCsrf(): ConsoleSession {
    const copy = new ConsoleSession(this.baseUrl);
    copy.cookie = this.cookie;
    return copy;
  }
}
