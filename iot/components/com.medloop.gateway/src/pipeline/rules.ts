import type { DeviceType, SignalName } from "@medloop/shared/device/devices";
import { SIGNALS } from "@medloop/shared/device/devices";
import type { DeviceAlarmRule, RateOfChangeRule, Rule, ThresholdRule } from "@medloop/shared/device/gateway-config";
import type { Alert } from "@medloop/shared/device/topics";
import type { Reading } from "./reading.ts";

/** An alert before the buffer gives it a sequence number. */
export type AlertEvent = Omit<Alert, "schema" | "seq">;

interface ThresholdState {
  breaches: number;
  alertId: string | undefined;
}
interface RateState {
  lastValue: number;
  lastTs: number;
  alertId: string | undefined;
}

const fmt = (signal: SignalName, v: number) => `${signal} ${v} ${SIGNALS[signal].unit}`;

/**
 * Local rules, evaluated on every clean reading as it arrives, so an alert is raised at once and
 * keeps being raised while the uplink is down. Each rule raises once per episode and clears when
 * the condition ends (with hysteresis for thresholds), so a noisy signal does not flood upstream.
 * State is per rule and device; a reconfiguration keeps the state of rules that did not change.
 */
type RuleStates = Map<string, ThresholdState | RateState | Map<string, string>>;

interface Active {
  rule: Rule;
  definition: string;
  /** Per device. */
  states: RuleStates;
}

export class RuleEngine {
  private byType = new Map<DeviceType, Active[]>();

  constructor(rules: readonly Rule[]) {
    this.reconfigure(rules);
  }

  reconfigure(rules: readonly Rule[]): void {
    const previous = new Map<string, Active>();
    for (const list of this.byType.values()) for (const a of list) previous.set(a.rule.id, a);
    this.byType = new Map();
    for (const rule of rules) {
      const definition = JSON.stringify(rule);
      const old = previous.get(rule.id);
      const active = { rule, definition, states: old?.definition === definition ? old.states : new Map() };
      this.byType.set(rule.deviceType, [...(this.byType.get(rule.deviceType) ?? []), active]);
    }
  }

  evaluate(r: Reading, subject: string | undefined, out: AlertEvent[]): void {
    const rules = this.byType.get(r.type);
    if (!rules) return;
    for (const { rule, states } of rules) {
      if (rule.kind === "threshold") this.threshold(rule, states, r, subject, out);
      else if (rule.kind === "rate-of-change") this.rateOfChange(rule, states, r, subject, out);
      else this.deviceAlarm(rule, states, r, subject, out);
    }
  }

  private base(rule: Rule, r: Reading, subject: string | undefined) {
    return {
      at: r.ts,
      device: r.device,
      type: r.type,
      rule: rule.id,
      ruleKind: rule.kind,
      severity: rule.severity,
      ...(subject ? { subject } : {}),
    };
  }

  private threshold(
    rule: ThresholdRule,
    states: RuleStates,
    r: Reading,
    subject: string | undefined,
    out: AlertEvent[],
  ) {
    const v = r.signals[rule.signal];
    if (v === undefined) return;
    let s = states.get(r.device) as ThresholdState | undefined;
    if (!s) {
      s = { breaches: 0, alertId: undefined };
      states.set(r.device, s);
    }
    const high = rule.above !== undefined && v > rule.above;
    const low = rule.below !== undefined && v < rule.below;
    if (high || low) {
      s.breaches++;
      if (s.alertId === undefined && s.breaches >= rule.forSamples) {
        s.alertId = `${rule.id}:${r.device}:${r.ts}`;
        const limit = (high ? rule.above : rule.below) as number;
        out.push({
          ...this.base(rule, r, subject),
          alertId: s.alertId,
          status: "raised",
          signal: rule.signal,
          value: v,
          limit,
          message: `${fmt(rule.signal, v)} ${high ? "above" : "below"} ${limit}`,
        });
      }
      return;
    }
    s.breaches = 0;
    if (s.alertId === undefined) return;
    const clearHigh = rule.above === undefined || v <= rule.above - rule.clearMargin;
    const clearLow = rule.below === undefined || v >= rule.below + rule.clearMargin;
    if (clearHigh && clearLow) {
      out.push({
        ...this.base(rule, r, subject),
        alertId: s.alertId,
        status: "cleared",
        signal: rule.signal,
        value: v,
        message: `${fmt(rule.signal, v)} back within limits`,
      });
      s.alertId = undefined;
    }
  }

  private rateOfChange(
    rule: RateOfChangeRule,
    states: RuleStates,
    r: Reading,
    subject: string | undefined,
    out: AlertEvent[],
  ) {
    const v = r.signals[rule.signal];
    if (v === undefined) return;
    const s = states.get(r.device) as RateState | undefined;
    if (!s) {
      states.set(r.device, { lastValue: v, lastTs: r.ts, alertId: undefined });
      return;
    }
    const dt = r.ts - s.lastTs;
    // Out of order: no slope. A gap: start again from this sample. Too close: keep the reference.
    if (dt <= 0) return;
    if (dt > rule.maxGapMs) {
      s.lastValue = v;
      s.lastTs = r.ts;
      return;
    }
    if (dt < rule.spanMs) return;
    const perMinute = ((v - s.lastValue) / dt) * 60_000;
    s.lastValue = v;
    s.lastTs = r.ts;
    const rising = rule.maxRisePerMinute !== undefined && perMinute > rule.maxRisePerMinute;
    const falling = rule.maxFallPerMinute !== undefined && -perMinute > rule.maxFallPerMinute;
    const rounded = Math.round(perMinute * 100) / 100;
    if (rising || falling) {
      if (s.alertId !== undefined) return;
      s.alertId = `${rule.id}:${r.device}:${r.ts}`;
      const limit = (rising ? rule.maxRisePerMinute : rule.maxFallPerMinute) as number;
      out.push({
        ...this.base(rule, r, subject),
        alertId: s.alertId,
        status: "raised",
        signal: rule.signal,
        value: rounded,
        limit,
        message: `${rule.signal} ${rising ? "rising" : "falling"} ${Math.abs(rounded)} ${SIGNALS[rule.signal].unit}/min (limit ${limit})`,
      });
    } else if (s.alertId !== undefined) {
      out.push({
        ...this.base(rule, r, subject),
        alertId: s.alertId,
        status: "cleared",
        signal: rule.signal,
        value: rounded,
        message: `${rule.signal} rate of change back within limits`,
      });
      s.alertId = undefined;
    }
  }

  private deviceAlarm(
    rule: DeviceAlarmRule,
    states: RuleStates,
    r: Reading,
    subject: string | undefined,
    out: AlertEvent[],
  ) {
    let active = states.get(r.device) as Map<string, string> | undefined;
    if (!active) {
      if (r.alarms.length === 0) return;
      active = new Map();
      states.set(r.device, active);
    }
    for (const code of r.alarms) {
      if (active.has(code) || (rule.codes && !rule.codes.includes(code))) continue;
      const alertId = `${rule.id}:${r.device}:${code}:${r.ts}`;
      active.set(code, alertId);
      out.push({
        ...this.base(rule, r, subject),
        alertId,
        status: "raised",
        code,
        message: `${r.type} ${r.device} alarm ${code}`,
      });
    }
    for (const [code, alertId] of active) {
      if (r.alarms.includes(code)) continue;
      active.delete(code);
      out.push({
        ...this.base(rule, r, subject),
        alertId,
        status: "cleared",
        code,
        message: `${r.type} ${r.device} alarm ${code} cleared`,
      });
    }
  }
}
