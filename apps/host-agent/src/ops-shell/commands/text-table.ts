/** Left-aligned columns under a rule, as virsh prints them. */
export function textTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => ` ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('   ')}`.trimEnd();
  const rule = '-'.repeat(widths.reduce((sum, w) => sum + w + 3, 0));
  return [line(headers), rule, ...rows.map(line)].join('\n') + '\n';
}

/** Key/value lines with the values aligned, as `virsh dominfo` prints them. */
export function keyValues(pairs: readonly (readonly [string, string])[]): string {
  const width = Math.max(...pairs.map(([k]) => k.length)) + 2;
  return pairs.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`).join('\n') + '\n';
}
