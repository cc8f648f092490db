/** Labelled horizontal bars in plain SVG, for comparisons operators would rather see than read. */
export interface BarDatum {
  label: string;
  value: number;
  note?: string;
}

export function BarChart({ title, data, unit }: { title: string; data: BarDatum[]; unit: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const row = 22;
  const labelWidth = 150;
  const barWidth = 320;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg width={labelWidth + barWidth + 180} height={data.length * row + 4} role="img" aria-label={title}>
        {data.map((d, i) => (
          <g key={d.label} transform={`translate(0 ${i * row + 2})`}>
            <text x={labelWidth - 8} y={14} textAnchor="end" className="chart-label">
              {d.label}
            </text>
            <rect x={labelWidth} y={3} width={(barWidth * d.value) / max} height={14} rx="2" fill="var(--accent)" />
            <text x={labelWidth + (barWidth * d.value) / max + 6} y={14} className="chart-value">
              {d.note ?? `${d.value} ${unit}`}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
