/**
 * The admin API, same origin. The session cookie is HttpOnly, so the browser sends it and scripts
 * never see it; writes carry the CSRF token the session handed out, which no other site can read.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The form field a validation error is about. */
    readonly field?: string,
  ) {
    super(message);
  }
}

let csrfToken = '';
let onSessionLost: () => void = () => undefined;

export function useCsrfToken(token: string | undefined): void {
  csrfToken = token ?? '';
}

export function whenSessionLost(handler: () => void): void {
  onSessionLost = handler;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    // A wrong password (login, or the current one when changing it) is a 401 too, but the session lives on.
    if (response.status === 401 && path !== '/session' && data.Code !== 'InvalidCredentials') onSessionLost();
    throw new ApiError(response.status, String(data.Code ?? 'Error'), String(data.Message ?? response.statusText), typeof data.Field === 'string' ? data.Field : undefined);
  }
  return data as T;
}
