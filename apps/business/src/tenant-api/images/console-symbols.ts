// ESC-introduced sequences (CSI such as colours and cursor moves, OSC titles, then the other
// ECMA-48 escapes: intermediates 0x20–0x2F and a final 0x30–0x7E, e.g. ESC c, ESC 7, ESC ( B),
// then the remaining C0 controls except tab and newline, and DEL.
// eslint-disable-next-line no-control-regex -- terminal control characters are exactly what is matched
const ESCAPE_SEQUENCES = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[ -/]*[0-~])/g;
// eslint-disable-next-line no-control-regex -- as above
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]/g;

/** GetInstanceConsoleOutput's RemoveSymbols: the text without terminal formatting. */
export function removeConsoleSymbols(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(ESCAPE_SEQUENCES, '').replace(CONTROLS, '');
}
