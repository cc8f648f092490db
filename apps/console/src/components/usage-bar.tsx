/** A horizontal utilisation bar in plain SVG: green, amber past 70 %, red past 90 %. */
export function UsageBar({ used, capacity, label }: { used: number; capacity: number; label: string }) {
  const ratio = capacity > 0 ? Math.min(1, used / capacity) : 0;
  const colour = ratio > 0.9 ? 'var(--bad)' : ratio > 0.7 ? 'var(--warn)' : 'var(--good)';
  return (
    <span className="usage" title={`${label}: ${used} of ${capacity} (${Math.round(ratio * 100)} %)`}>
      <svg width="120" height="10" role="img" aria-label={`${label} ${Math.round(ratio * 100)} percent used`}>
        <rect width="120" height="10" rx="2" fill="var(--track)" />
        <rect width={120 * ratio} height="10" rx="2" fill={colour} />
      </svg>
      <span className="muted">
        {used}/{capacity}
      </span>
    </span>
  );
}
