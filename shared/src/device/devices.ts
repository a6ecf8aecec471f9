/**
 * The device types a gateway understands and the signals each one reports, in one canonical unit per
 * signal. Aggregates upstream carry signal names only, so this table is part of the wire contract:
 * the gateway normalises into these units, the cloud reads them back from here.
 */

export const DEVICE_TYPES = ["infusion-pump", "patient-monitor", "autoclave", "moulding-machine"] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export type Quantity =
  | "flow-rate"
  | "volume"
  | "pressure"
  | "blood-pressure"
  | "heart-rate"
  | "saturation"
  | "temperature"
  | "duration"
  | "count";

export interface SignalSpec {
  deviceType: DeviceType;
  quantity: Quantity;
  unit: string;
  /** Physically plausible range in the canonical unit; a value outside is a sensor fault, not data. */
  min: number;
  max: number;
}

export const SIGNALS = {
  rate: { deviceType: "infusion-pump", quantity: "flow-rate", unit: "mL/h", min: 0, max: 1200 },
  volumeInfused: { deviceType: "infusion-pump", quantity: "volume", unit: "mL", min: 0, max: 10_000 },
  occlusionPressure: { deviceType: "infusion-pump", quantity: "pressure", unit: "kPa", min: 0, max: 200 },
  heartRate: { deviceType: "patient-monitor", quantity: "heart-rate", unit: "bpm", min: 0, max: 350 },
  spo2: { deviceType: "patient-monitor", quantity: "saturation", unit: "%", min: 0, max: 100 },
  nibpSystolic: { deviceType: "patient-monitor", quantity: "blood-pressure", unit: "mmHg", min: 0, max: 300 },
  nibpDiastolic: { deviceType: "patient-monitor", quantity: "blood-pressure", unit: "mmHg", min: 0, max: 250 },
  nibpMean: { deviceType: "patient-monitor", quantity: "blood-pressure", unit: "mmHg", min: 0, max: 280 },
  chamberTemperature: { deviceType: "autoclave", quantity: "temperature", unit: "°C", min: -20, max: 180 },
  chamberPressure: { deviceType: "autoclave", quantity: "pressure", unit: "kPa", min: 0, max: 500 },
  meltTemperature: { deviceType: "moulding-machine", quantity: "temperature", unit: "°C", min: 0, max: 450 },
  injectionPressure: { deviceType: "moulding-machine", quantity: "pressure", unit: "kPa", min: 0, max: 350_000 },
  cycleTime: { deviceType: "moulding-machine", quantity: "duration", unit: "s", min: 0, max: 600 },
  shotCount: { deviceType: "moulding-machine", quantity: "count", unit: "1", min: 0, max: 1e12 },
} as const satisfies Record<string, SignalSpec>;

export type SignalName = keyof typeof SIGNALS;
export const SIGNAL_NAMES = Object.keys(SIGNALS) as SignalName[];
