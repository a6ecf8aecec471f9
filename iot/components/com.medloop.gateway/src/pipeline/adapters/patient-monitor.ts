import type { Reading } from "../reading.ts";
import { alarms, counter, measure, num, type Obj, obj, setAttr, str, timestamp } from "./fields.ts";

/**
 * Bedside patient monitor, short keys and nested groups:
 * `{ dev, n, t (epoch ms), pt: { mrn, name, bed }, vitals: { hr, spo2, nibp: { sys, dia, map, unit } },
 *    alarms: [{ code, prio }] }`. NIBP is measured every few minutes, so it is often absent; some
 * monitors report it in kPa. The patient block is identifying: it leaves only de-identified.
 */
export function adaptPatientMonitor(o: Obj): Reading {
  const vitals = obj(o, "vitals") ?? {};
  const nibp = obj(vitals, "nibp");
  const pt = obj(o, "pt") ?? {};
  const signals: Reading["signals"] = {};
  const hr = measure("heart-rate", num(vitals, "hr"), "bpm", "hr");
  if (hr !== undefined) signals.heartRate = hr;
  const spo2 = measure("saturation", num(vitals, "spo2"), "%", "spo2");
  if (spo2 !== undefined) signals.spo2 = spo2;
  if (nibp) {
    const sys = measure("blood-pressure", num(nibp, "sys"), nibp.unit, "nibp.sys");
    const dia = measure("blood-pressure", num(nibp, "dia"), nibp.unit, "nibp.dia");
    const map = measure("blood-pressure", num(nibp, "map"), nibp.unit, "nibp.map");
    if (sys !== undefined) signals.nibpSystolic = sys;
    if (dia !== undefined) signals.nibpDiastolic = dia;
    if (map !== undefined) signals.nibpMean = map;
  }
  const attributes: Record<string, string> = {};
  setAttr(attributes, "patientId", str(pt, "mrn"));
  setAttr(attributes, "patientName", str(pt, "name"));
  setAttr(attributes, "bed", str(pt, "bed"));
  return {
    device: str(o, "dev", true),
    type: "patient-monitor",
    seq: counter(o, "n"),
    ts: timestamp(o, "t"),
    signals,
    attributes,
    alarms: alarms(o, "alarms"),
  };
}
