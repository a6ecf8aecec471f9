import type { DeviceType, SignalName } from "@medloop/shared/device/devices";

/** A device reading after its adapter: canonical units, epoch-ms timestamp, vendor shape gone. */
export interface Reading {
  device: string;
  type: DeviceType;
  /** The device's own message counter (resends repeat it). */
  seq: number;
  ts: number;
  signals: Partial<Record<SignalName, number>>;
  attributes: Record<string, string>;
  alarms: string[];
}

/** What a device driver hands the gateway: the connection the bytes came in on, and the bytes. */
export interface RawReading {
  /** Device id of the local connection (port, client id) the payload arrived on. */
  device: string;
  payload: string | Uint8Array;
}

export const REJECT_REASONS = [
  "too-large",
  "bad-json",
  "not-an-object",
  "unknown-device",
  "device-mismatch",
  "missing-field",
  "wrong-type",
  "bad-unit",
  "future-timestamp",
  "stale-timestamp",
  "late-for-window",
  "duplicate",
  "no-valid-data",
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface Rejection {
  ok: false;
  reason: RejectReason;
  detail: string;
}

export const reject = (reason: RejectReason, detail: string): Rejection => ({ ok: false, reason, detail });
