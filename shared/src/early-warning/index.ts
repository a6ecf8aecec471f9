/**
 * Early warning (issue 15, EW-1..EW-4): rules as data, the Nelson rules, a pure evaluator whose
 * state the caller persists, routing of observations to rules, and backtesting.
 */

export * as Alerts from "./alerts.ts";
export { backtest, MAX_TICKS } from "./backtest.ts";
export { decode, WATCHED } from "./decode.ts";
export * as Escalation from "./escalation.ts";
export {
  type Evidence,
  evaluate,
  type Firing,
  initialState,
  type Outcome,
  type RuleState,
  SCHEDULED,
  SEEN_IDS,
  SPC_POINTS,
  subjectOf,
  tick,
} from "./evaluate.ts";
export * as Events from "./events.ts";
export { indexRules, observationKeys, type RuleIndex, routeKeys } from "./route.ts";
export * as Rules from "./rules.ts";
export * as Schema from "./schema.ts";
export {
  CreateRuleInput,
  Observation,
  ObservationEnvelope,
  Rule,
  readRule,
  UpdateRuleInput,
} from "./schema.ts";
export {
  controlLimits,
  type Limits,
  NELSON_RULES,
  type NelsonRule,
  nelsonRules,
  type SigmaEstimator,
  type Violation,
} from "./spc.ts";
export * as Tasks from "./tasks.ts";
export * as Views from "./views.ts";
export * as Warning from "./warning.ts";
