import { describe, expect, it } from "vitest";
import { AdapterError } from "../src/pipeline/adapters/fields.ts";
import { ADAPTERS } from "../src/pipeline/adapters/index.ts";
import { toCanonical } from "../src/pipeline/units.ts";

const at = "2026-01-05T08:00:01.000Z";
const ms = Date.parse(at);

describe("device adapters", () => {
  it("infusion pump: rate, volume, occlusion pressure in mmHg → kPa, state and alarms", () => {
    const r = ADAPTERS["infusion-pump"]({
      pump_id: "pump-001",
      msg_seq: 7,
      ts: at,
      rate_ml_h: 12.5,
      volume_infused_ml: 230.1,
      occlusion: { value: 300, unit: "mmHg" },
      state: "RUNNING",
      drug: "heparin",
      alarms: ["occlusion_downstream"],
    });

    expect(r).toEqual({
      device: "pump-001",
      type: "infusion-pump",
      seq: 7,
      ts: ms,
      signals: { rate: 12.5, volumeInfused: 230.1, occlusionPressure: 39.9966 },
      attributes: { pumpState: "RUNNING", drug: "heparin" },
      alarms: ["OCCLUSION_DOWNSTREAM"],
    });
  });

  it("patient monitor: vitals, NIBP in kPa → mmHg, the patient block as attributes, alarm objects", () => {
    const r = ADAPTERS["patient-monitor"]({
      dev: "monitor-001",
      n: 300,
      t: ms,
      pt: { mrn: "MRN-123456", name: "Doe^Jane", bed: "ICU-4" },
      vitals: { hr: 72, spo2: 97, nibp: { sys: 16, dia: 10.4, map: 12.3, unit: "kPa" } },
      alarms: [{ code: "SPO2_LOW", prio: "high" }],
    });

    expect(r.signals).toEqual({
      heartRate: 72,
      spo2: 97,
      nibpSystolic: 120.0102,
      nibpDiastolic: 78.0066,
      nibpMean: 92.2578,
    });
    expect(r.attributes).toEqual({ patientId: "MRN-123456", patientName: "Doe^Jane", bed: "ICU-4" });
    expect(r.alarms).toEqual(["SPO2_LOW"]);
  });

  it("autoclave: °F → °C and bar → kPa, phase lower-cased", () => {
    const r = ADAPTERS.autoclave({
      id: "autoclave-001",
      seq: 3,
      time: at,
      cycle: { id: "C-00001", program: "134C-4MIN", phase: "STERILIZE" },
      chamber: { temp: 273.2, temp_unit: "F", pressure: 3.04, pressure_unit: "bar" },
      faults: [],
    });

    expect(r.signals).toEqual({ chamberTemperature: 134, chamberPressure: 304 });
    expect(r.attributes).toEqual({ phase: "sterilize", cycleId: "C-00001", program: "134C-4MIN" });
  });

  it("moulding machine: MPa → kPa, cycle time ms → s, shot count", () => {
    const r = ADAPTERS["moulding-machine"]({
      machine: "imm-001",
      counter: 5,
      timestamp: ms,
      state: "AUTO",
      mould: "M-17",
      melt_temp_c: 231.5,
      inj_pressure: { v: 125, u: "MPa" },
      cycle_time_ms: 18_500,
      shot_count: 123_456,
      alarms: ["SHORT_SHOT"],
    });

    expect(r.signals).toEqual({
      meltTemperature: 231.5,
      injectionPressure: 125_000,
      cycleTime: 18.5,
      shotCount: 123_456,
    });
    expect(r.alarms).toEqual(["SHORT_SHOT"]);
  });

  it.each([
    [{ msg_seq: 1, ts: at }, "missing-field", "pump_id is missing"],
    [{ pump_id: "p", msg_seq: -1, ts: at }, "wrong-type", "msg_seq must be a non-negative integer"],
    [
      { pump_id: "p", msg_seq: 1, ts: "yesterday" },
      "wrong-type",
      "ts must be epoch ms or an ISO 8601 time with a zone",
    ],
    [
      { pump_id: "p", msg_seq: 1, ts: "2026-01-05T08:00:00" },
      "wrong-type",
      "ts must be epoch ms or an ISO 8601 time with a zone",
    ],
    [{ pump_id: "p", msg_seq: 1, ts: at, rate_ml_h: "12" }, "wrong-type", "rate_ml_h must be a number"],
    [
      { pump_id: "p", msg_seq: 1, ts: at, occlusion: { value: 1, unit: "atm" } },
      "bad-unit",
      'occlusion: unknown unit "atm"',
    ],
    [
      { pump_id: "p", msg_seq: 1, ts: at, alarms: "OCCLUSION" },
      "wrong-type",
      "alarms must be a list of at most 32 alarms",
    ],
    [{ pump_id: { $gt: "" }, msg_seq: 1, ts: at }, "wrong-type", "pump_id must be a short string"],
  ])("refuses %j: %s", (raw, reason, message) => {
    const run = () => ADAPTERS["infusion-pump"](raw);

    expect(run).toThrow(AdapterError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (e) {
      expect((e as AdapterError).reason).toBe(reason);
    }
  });
});

describe("unit normalisation", () => {
  it.each([
    ["temperature", 98.6, "F", 37],
    ["temperature", 310.15, "K", 37],
    ["pressure", 2, "bar", 200],
    ["pressure", 1, "psi", 6.8948],
    ["pressure", 760, "mmHg", 101.3247],
    ["blood-pressure", 16, "kPa", 120.0102],
    ["duration", 1500, "ms", 1.5],
    ["flow-rate", 2, "mL/min", 120],
    ["saturation", 0.97, "fraction", 97],
  ] as const)("%s %d %s → %d", (quantity, value, unit, expected) => {
    expect(toCanonical(quantity, value, unit)).toBe(expected);
  });

  it("knows no unit it cannot convert", () => {
    expect(toCanonical("temperature", 1, "kPa")).toBeUndefined();
  });
});
