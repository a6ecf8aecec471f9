/**
 * An individuals control chart as server-rendered SVG: the series in order, the centre line, the
 * ±1σ/±2σ zones the Nelson rules read and the ±3σ control limits, with the points a violation
 * involves marked. Points are plotted by position (an SPC chart's x axis is the sample order).
 */
export interface SpcChartProps {
  values: number[];
  mean: number;
  sigma: number;
  /** 0-based positions of the points a violation involves. */
  flagged: number[];
  unit?: string;
  label: string;
  words: { centre: string; limits: string; flagged: string };
}

const W = 720;
const H = 280;
const PAD = { left: 64, right: 72, top: 16, bottom: 28 };

export function SpcChart({ values, mean, sigma, flagged, unit, label, words }: SpcChartProps) {
  if (values.length === 0) return null;
  const ucl = mean + 3 * sigma;
  const lcl = mean - 3 * sigma;
  const lo = Math.min(lcl, ...values) - sigma * 0.5;
  const hi = Math.max(ucl, ...values) + sigma * 0.5;
  const x = (i: number) =>
    PAD.left + (values.length === 1 ? 0.5 : i / (values.length - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const marked = new Set(flagged);
  const round = (v: number) => String(Math.round(v * 1000) / 1000);
  const withUnit = (v: number) => (unit ? `${round(v)} ${unit}` : round(v));
  const lines = [
    { v: ucl, name: `UCL ${withUnit(ucl)}`, kind: "limit" },
    { v: mean + 2 * sigma, kind: "zone" },
    { v: mean + sigma, kind: "zone" },
    { v: mean, name: `${words.centre} ${withUnit(mean)}`, kind: "centre" },
    { v: mean - sigma, kind: "zone" },
    { v: mean - 2 * sigma, kind: "zone" },
    { v: lcl, name: `LCL ${withUnit(lcl)}`, kind: "limit" },
  ];
  const path = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  return (
    <figure className="spc" data-testid="spc-chart" data-points={values.length} data-flagged={flagged.length}>
      <svg viewBox={`0 0 ${W} ${H}`} className="chart" role="img" aria-label={label}>
        {lines.map((l) => (
          <g key={`${l.kind}-${l.v}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(l.v)} y2={y(l.v)} className={`spc-${l.kind}`} />
            {l.name && (
              <text x={W - PAD.right + 6} y={y(l.v) + 4} className="chart-axis">
                {l.name}
              </text>
            )}
          </g>
        ))}
        <text x={PAD.left - 8} y={y(hi) + 10} textAnchor="end" className="chart-axis">
          {withUnit(hi)}
        </text>
        <text x={PAD.left - 8} y={y(lo)} textAnchor="end" className="chart-axis">
          {withUnit(lo)}
        </text>
        <text x={PAD.left} y={H - 8} className="chart-axis">
          1
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" className="chart-axis">
          {values.length}
        </text>
        <polyline points={path} className="chart-line" />
        {values.map((v, i) => (
          <circle
            // biome-ignore lint/suspicious/noArrayIndexKey: a sample's position is its identity on an SPC chart
            key={i}
            cx={x(i)}
            cy={y(v)}
            r={marked.has(i) ? 5 : 3}
            className={marked.has(i) ? "spc-flagged" : "chart-dot"}
            data-flagged={marked.has(i) || undefined}
          >
            <title>{`#${i + 1}: ${withUnit(v)}${marked.has(i) ? ` — ${words.flagged}` : ""}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="hint">
        {words.limits} · {words.flagged}: {flagged.map((i) => `#${i + 1}`).join(", ") || "—"}
      </figcaption>
    </figure>
  );
}
