import type { Observation, Rule } from "./schema.ts";

/**
 * Which of a tenant's rules read an observation, without asking each rule: rules are filed under
 * the keys of the observations they read (`measurement:<characteristic>`, `measurement:*`, ...)
 * and an observation looks up its own keys. Disabled rules are not filed.
 */
export function routeKeys(rule: Rule): string[] {
  const c = rule.condition;
  switch (c.kind) {
    case "threshold":
      return [`${c.field === "measurement.value" ? "measurement" : "stock-level"}:${c.match ?? "*"}`];
    case "spc":
      return [`measurement:${c.characteristic}`];
    case "ratio":
      return ["inspection:*"];
    case "expiry":
      return [`expiry:${c.of}`];
    case "stock-below-safety":
      return [`stock-level:${c.match ?? "*"}`];
    case "silence":
      return ["heartbeat:*", "telemetry-alert:*"];
    case "telemetry-alert":
      return ["telemetry-alert:*"];
  }
}

export function observationKeys(o: Observation): string[] {
  switch (o.type) {
    case "measurement":
      return [`measurement:${o.characteristic}`, "measurement:*"];
    case "stock-level":
      return [`stock-level:${o.item}`, "stock-level:*"];
    case "expiry":
      return [`expiry:${o.what}`];
    default:
      return [`${o.type}:*`];
  }
}

export interface RuleIndex {
  rulesFor(o: Observation): Rule[];
}

/** One tenant's enabled rules, filed for lookup by observation. */
export function indexRules(rules: readonly Rule[]): RuleIndex {
  const byKey = new Map<string, Rule[]>();
  for (const rule of rules) {
    if (!rule.enabled) continue;
    for (const key of routeKeys(rule)) {
      const list = byKey.get(key);
      if (list) list.push(rule);
      else byKey.set(key, [rule]);
    }
  }
  return {
    rulesFor(o) {
      const keys = observationKeys(o);
      const first = byKey.get(keys[0]!) ?? [];
      return keys.length === 1 ? first : [...first, ...(byKey.get(keys[1]!) ?? [])];
    },
  };
}
