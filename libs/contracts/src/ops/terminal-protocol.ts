/**
 * The bastion's terminal WebSocket as its clients (the web terminal, the CLI) see it: text frames
 * of terminal bytes both ways, and these close codes saying why the bastion ended a session.
 */
export const TERMINAL_CLOSE_CODES = {
  /** The user typed `exit` or sent end-of-input. */
  'user-exit': 1000,
  'bastion-stopping': 1001,
  'internal-error': 1011,
  'killed': 4000,
  'grant-revoked': 4001,
  'grant-expired': 4002,
  'host-unreachable': 4003,
  'audit-unavailable': 4004,
  'input-flood': 4005,
  'idle-timeout': 4006,
} as const;

export type TerminalCloseReason = keyof typeof TERMINAL_CLOSE_CODES;

export function terminalCloseReason(code: number): TerminalCloseReason | undefined {
  return (Object.keys(TERMINAL_CLOSE_CODES) as TerminalCloseReason[]).find((reason) => TERMINAL_CLOSE_CODES[reason] === code);
}
