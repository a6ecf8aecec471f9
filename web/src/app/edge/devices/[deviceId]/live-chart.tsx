"use client";

import { useEffect, useMemo, useState } from "react";
import type { EdgeWindow } from "@/server/schemas";

export interface LiveChartWords {
  title: string;
  signal: string;
  intro: string;
  empty: string;
  updated: string;
}

const POLL_MS = 5_000;
const W = 720;
const H = 260;
const PAD = { left: 56, right: 16, top: 16, bottom: 32 };

/**
 * A device's signal over the last 30 minutes as an SVG: the mean per window as a line, the window's
 * min–max as a band. It polls the portal's own route (which calls the API with the user's token);
 * a few dozen points need no chart library.
 */
export function LiveChart({
  deviceId,
  initial,
  words,
  locale,
}: {
  deviceId: string;
  initial: { items: EdgeWindow[]; at: number };
  words: LiveChartWords;
  locale: string;
}) {
  const [data, setData] = useState(initial);
  const signals = useMemo(() => [...new Set(data.items.flatMap((w) => Object.keys(w.signals)))].sort(), [data.items]);
  const [signal, setSignal] = useState<string | undefined>(signals[0]);
  const current = signal && signals.includes(signal) ? signal : signals[0];

  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      const res = await fetch(`/edge/devices/${encodeURIComponent(deviceId)}/windows`, { cache: "no-store" });
      if (!res.ok || stopped) return;
      setData((await res.json()) as { items: EdgeWindow[]; at: number });
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [deviceId]);

  const points = data.items
    .filter((w) => current && w.signals[current])
    .map((w) => ({ t: w.end, ...(w.signals[current as string] as { min: number; max: number; mean: number }) }))
    .sort((a, b) => a.t - b.t);
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "medium" });

  return (
    <section className="card edge-card chart-card" aria-labelledby="chart-title" data-testid="live-chart">
      <div className="chart-head">
        <h2 id="chart-title" className="card-title">
          {words.title}
        </h2>
        {signals.length > 0 && (
          <label className="chart-signal">
            {words.signal}{" "}
            <select value={current} onChange={(e) => setSignal(e.target.value)} data-testid="signal-select">
              {signals.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="panel-body">{words.intro}</p>
      {points.length === 0 ? (
        <p className="empty-state" data-testid="chart-empty">
          {words.empty}
        </p>
      ) : (
        <Plot points={points} label={current ?? ""} time={time} />
      )}
      <p className="chart-updated" data-testid="chart-updated">
        {words.updated.replace("{time}", time.format(data.at))}
      </p>
    </section>
  );
}

function Plot({
  points,
  label,
  time,
}: {
  points: { t: number; min: number; max: number; mean: number }[];
  label: string;
  time: Intl.DateTimeFormat;
}) {
  const t0 = points[0]!.t;
  const t1 = Math.max(points.at(-1)!.t, t0 + 1);
  let lo = Math.min(...points.map((p) => p.min));
  let hi = Math.max(...points.map((p) => p.max));
  if (hi === lo) {
    hi += 1;
    lo -= 1;
  }
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const line = points.map((p) => `${x(p.t).toFixed(1)},${y(p.mean).toFixed(1)}`).join(" ");
  const band = [
    ...points.map((p) => `${x(p.t).toFixed(1)},${y(p.max).toFixed(1)}`),
    ...[...points].reverse().map((p) => `${x(p.t).toFixed(1)},${y(p.min).toFixed(1)}`),
  ].join(" ");
  const ticks = [lo, (lo + hi) / 2, hi];
  const round = (v: number) => Math.round(v * 100) / 100;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="chart" role="img" aria-label={label} data-points={points.length}>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="chart-grid" />
          <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="chart-axis">
            {round(v)}
          </text>
        </g>
      ))}
      <text x={PAD.left} y={H - 8} className="chart-axis">
        {time.format(t0)}
      </text>
      <text x={W - PAD.right} y={H - 8} textAnchor="end" className="chart-axis">
        {time.format(t1)}
      </text>
      <polygon points={band} className="chart-band" />
      <polyline points={line} className="chart-line" />
      {points.map((p) => (
        <circle key={p.t} cx={x(p.t)} cy={y(p.mean)} r={2.5} className="chart-dot" />
      ))}
    </svg>
  );
}
