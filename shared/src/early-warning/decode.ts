import type { BusEvent } from "../events/define.ts";
import { SafetyStockBelow, SafetyStockRestored } from "../inventory/events.ts";
import { InspectionCompleted } from "../procurement/events.ts";
import { InspectionRecorded } from "../production/events.ts";
import {
  AlertCleared,
  DeviceStateChanged,
  AlertRaised as TelemetryAlertRaised,
  WindowAggregated,
} from "../telemetry/events.ts";
import { Grade, type Observation, TelemetryAlertKind } from "./schema.ts";

/**
 * The bus events the warning handler reads, and the observations each one is (schema.ts): an
 * inspection's measurements, an incoming inspection's verdict, a stock level against its safety
 * level, a gateway alert, and any sign of life from a device. An event that carries a lot names
 * its material too, so a critical rule can place that lot on hold.
 */
export const WATCHED = [
  InspectionRecorded,
  InspectionCompleted,
  SafetyStockBelow,
  SafetyStockRestored,
  TelemetryAlertRaised,
  AlertCleared,
  DeviceStateChanged,
  WindowAggregated,
] as const;

export interface Decoded {
  tenantId: string;
  observations: Observation[];
  /** The material of the lot the observations name (`lot`), for a hold. */
  lotMaterialId?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The observations of one bus event; an event of a type not watched is a wiring error. */
export function decode(event: BusEvent<unknown>): Decoded {
  const type = event["detail-type"];
  if (type === InspectionRecorded.detailType) {
    const { id, tenantId, occurredAt, data } = InspectionRecorded.detailSchema.parse(event.detail);
    return {
      tenantId,
      lotMaterialId: data.fgMaterialId,
      // One event, several measurements: each its own id, so a replay of the event is each one's replay.
      observations: data.measurements.map((m, i) => ({
        type: "measurement",
        eventId: `${id}#${i}`,
        at: occurredAt,
        characteristic: m.characteristic,
        value: m.value,
        unit: m.unit,
        lot: data.lotNo,
      })),
    };
  }
  if (type === InspectionCompleted.detailType) {
    const { id, tenantId, occurredAt, data } = InspectionCompleted.detailSchema.parse(event.detail);
    return {
      tenantId,
      lotMaterialId: data.materialId,
      observations: [
        {
          type: "inspection",
          eventId: id,
          at: occurredAt,
          supplier: data.supplierId,
          receipt: data.receiptId,
          passed: data.result === "accepted",
          lot: data.lotNo,
        },
      ],
    };
  }
  if (type === SafetyStockBelow.detailType || type === SafetyStockRestored.detailType) {
    const { id, tenantId, occurredAt, data } = SafetyStockBelow.detailSchema.parse(event.detail);
    return {
      tenantId,
      observations: [
        {
          type: "stock-level",
          eventId: id,
          at: occurredAt,
          item: data.materialId,
          quantity: data.available,
          safetyLevel: data.threshold,
        },
      ],
    };
  }
  if (type === TelemetryAlertRaised.detailType || type === AlertCleared.detailType) {
    const { id, tenantId, data } = TelemetryAlertRaised.detailSchema.parse(event.detail);
    // A gateway's own words for kind and severity; ones the rules cannot name count as a device alarm / warning.
    const ruleKind = TelemetryAlertKind.safeParse(data.ruleKind).data ?? "device-alarm";
    const severity = Grade.safeParse(data.severity).data ?? "warning";
    return {
      tenantId,
      observations: [
        {
          type: "telemetry-alert",
          eventId: id,
          at: iso(data.at),
          device: data.deviceId,
          alertId: data.alertId,
          status: type === AlertCleared.detailType ? "cleared" : "raised",
          rule: data.rule,
          ruleKind,
          severity,
        },
      ],
    };
  }
  if (type === DeviceStateChanged.detailType) {
    const { id, tenantId, data } = DeviceStateChanged.detailSchema.parse(event.detail);
    return { tenantId, observations: [{ type: "heartbeat", eventId: id, at: iso(data.at), device: data.deviceId }] };
  }
  if (type === WindowAggregated.detailType) {
    const { id, tenantId, data } = WindowAggregated.detailSchema.parse(event.detail);
    return {
      tenantId,
      observations: data.devices.map((d) => ({
        type: "heartbeat",
        eventId: `${id}#${d.deviceId}`,
        at: iso(data.window.end),
        device: d.deviceId,
      })),
    };
  }
  throw new Error(`the warning handler does not read ${type}`);
}
