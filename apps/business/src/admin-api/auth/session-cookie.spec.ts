import { clearedSessionCookie, sessionCookie, sessionTokenFrom } from './session-cookie';

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Strict and scoped to the API; Secure over HTTPS', () => {
    expect(sessionCookie('tok', 60, false)).toBe('ecs_console_session=tok; Path=/api; HttpOnly; SameSite=Strict; Max-Age=60');
    expect(sessionCookie('tok', 60, true)).toMatch(/; Secure$/);
    expect(clearedSessionCookie(false)).toContain('Max-Age=0');
  });

  it('finds the session token among other cookies and ignores look-alikes', () => {
    expect(sessionTokenFrom('a=1; ecs_console_session=abc; b=2')).toBe('abc');
    expect(sessionTokenFrom('xecs_console_session=abc')).toBeUndefined();
    expect(sessionTokenFrom('ecs_console_session=')).toBeUndefined();
    expect(sessionTokenFrom(undefined)).toBeUndefined();
  });
});
