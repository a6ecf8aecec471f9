import type { Reading } from "../reading.ts";
import { alarms, counter, measure, num, type Obj, obj, setAttr, str, timestamp } from "./fields.ts";

/**
 * Infusion pump, flat snake_case messages:
 * `{ pump_id, msg_seq, ts (ISO), rate_ml_h, volume_infused_ml, occlusion: { value, unit },
 *    state, drug, alarms: ["OCCLUSION_DOWNSTREAM"] }`. Occlusion pressure comes in mmHg or kPa.
 */
export function adaptInfusionPump(o: Obj): Reading {
  const occlusion = obj(o, "occlusion");
  const signals: Reading["signals"] = {};
  const rate = measure("flow-rate", num(o, "rate_ml_h"), "mL/h", "rate_ml_h");
  if (rate !== undefined) signals.rate = rate;
  const volume = measure("volume", num(o, "volume_infused_ml"), "mL", "volume_infused_ml");
  if (volume !== undefined) signals.volumeInfused = volume;
  if (occlusion) {
    const p = measure("pressure", num(occlusion, "value"), occlusion.unit, "occlusion");
    if (p !== undefined) signals.occlusionPressure = p;
  }
  const attributes: Record<string, string> = {};
  setAttr(attributes, "pumpState", str(o, "state"));
  setAttr(attributes, "drug", str(o, "drug"));
  return {
    device: str(o, "pump_id", true),
    type: "infusion-pump",
    seq: counter(o, "msg_seq"),
    ts: timestamp(o, "ts"),
    signals,
    attributes,
    alarms: alarms(o, "alarms"),
  };
}
