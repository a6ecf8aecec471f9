import type { Reading } from "../reading.ts";
import { AdapterError, alarms, counter, measure, num, type Obj, obj, setAttr, str, timestamp } from "./fields.ts";

/**
 * Steam steriliser (autoclave), one message per sample during a cycle:
 * `{ id, seq, time (ISO), cycle: { id, program, phase }, chamber: { temp, temp_unit, pressure,
 *    pressure_unit }, faults: [...] }`. Sold with °C or °F displays and kPa or bar gauges.
 */
export function adaptAutoclave(o: Obj): Reading {
  const cycle = obj(o, "cycle") ?? {};
  const chamber = obj(o, "chamber");
  if (!chamber) throw new AdapterError("missing-field", "chamber is missing");
  const signals: Reading["signals"] = {};
  const temp = measure("temperature", num(chamber, "temp"), chamber.temp_unit, "chamber.temp");
  if (temp !== undefined) signals.chamberTemperature = temp;
  const pressure = measure("pressure", num(chamber, "pressure"), chamber.pressure_unit, "chamber.pressure");
  if (pressure !== undefined) signals.chamberPressure = pressure;
  const attributes: Record<string, string> = {};
  setAttr(attributes, "phase", str(cycle, "phase")?.toLowerCase());
  setAttr(attributes, "cycleId", str(cycle, "id"));
  setAttr(attributes, "program", str(cycle, "program"));
  return {
    device: str(o, "id", true),
    type: "autoclave",
    seq: counter(o, "seq"),
    ts: timestamp(o, "time"),
    signals,
    attributes,
    alarms: alarms(o, "faults"),
  };
}
