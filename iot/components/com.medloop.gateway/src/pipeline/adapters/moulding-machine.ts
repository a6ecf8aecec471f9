import type { Reading } from "../reading.ts";
import { alarms, counter, measure, num, type Obj, obj, setAttr, str, timestamp } from "./fields.ts";

/**
 * Injection-moulding machine, one message per shot (Euromap 77 style names):
 * `{ machine, counter, timestamp (epoch ms), state, mould, melt_temp_c, inj_pressure: { v, u },
 *    cycle_time_ms, shot_count, alarms: [...] }`. Injection pressure comes in bar or MPa.
 */
export function adaptMouldingMachine(o: Obj): Reading {
  const inj = obj(o, "inj_pressure");
  const signals: Reading["signals"] = {};
  const melt = measure("temperature", num(o, "melt_temp_c"), "C", "melt_temp_c");
  if (melt !== undefined) signals.meltTemperature = melt;
  if (inj) {
    const p = measure("pressure", num(inj, "v"), inj.u, "inj_pressure");
    if (p !== undefined) signals.injectionPressure = p;
  }
  const cycle = measure("duration", num(o, "cycle_time_ms"), "ms", "cycle_time_ms");
  if (cycle !== undefined) signals.cycleTime = cycle;
  const shots = num(o, "shot_count");
  if (shots !== undefined) signals.shotCount = shots;
  const attributes: Record<string, string> = {};
  setAttr(attributes, "machineState", str(o, "state"));
  setAttr(attributes, "mouldId", str(o, "mould"));
  return {
    device: str(o, "machine", true),
    type: "moulding-machine",
    seq: counter(o, "counter"),
    ts: timestamp(o, "timestamp"),
    signals,
    attributes,
    alarms: alarms(o, "alarms"),
  };
}
