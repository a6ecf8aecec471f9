import { z } from "zod";
import { GatewayConfigUpdate } from "../device/gateway-config.ts";
import * as S from "../telemetry/schema.ts";
import { capability, route } from "./route.ts";

/**
 * Manufacturers (factory lines) and hospitals (wards, CSSD) both run gateways. Who sees device
 * data: the people who run or answer for the equipment; who registers gateways and pushes
 * configuration: the tenant's admin and its equipment engineers.
 */
const viewers = ["admin", "operator", "quality-engineer", "service-manager", "biomed-engineer", "ward-user"] as const;
const managers = ["admin", "service-manager", "biomed-engineer"] as const;

const ThingParams = z.object({ thingName: S.ThingName });

export const telemetry = capability({
  name: "telemetry",
  spec: ["EDGE-1", "EDGE-2", "EDGE-3", "EDGE-4", "EDGE-5", "SEC-5", "EW-1"],
  resources: {
    gatewayProvisioning: {
      registerGateway: route({
        method: "POST",
        path: "/v1/gateways",
        errors: { 409: ["gateway-exists", "duplicate-device", "device-registered"] },
        summary: "Register an edge gateway (an IoT thing) with its devices",
        roles: managers,
        request: { body: S.RegisterInput },
        response: S.Gateway,
        status: 201,
        idempotent: true,
      }),
      issueCredentials: route({
        method: "POST",
        path: "/v1/gateways/{thingName}/credentials",
        errors: { 404: ["gateway-not-found"] },
        summary:
          "New credentials for a gateway (an X.509 certificate and key in AWS); shown once, earlier ones stay valid until revoked",
        roles: managers,
        request: { params: ThingParams },
        response: S.Credentials,
        status: 201,
        sensitive: true,
        iot: ["provision-gateways"],
      }),
    },
    gateways: {
      listGateways: route({
        method: "GET",
        path: "/v1/gateways",
        summary: "Your gateways with their status (online, buffering, offline) and when they were last heard from",
        roles: viewers,
        response: z.object({ items: z.array(S.Gateway) }),
      }),
      getGateway: route({
        method: "GET",
        path: "/v1/gateways/{thingName}",
        errors: { 404: ["gateway-not-found"] },
        summary:
          "One gateway: status, received-sequence ledger (gaps, replays, duplicates) and refused messages by reason",
        roles: viewers,
        request: { params: ThingParams },
        response: S.GatewayDetail,
      }),
      listConfigs: route({
        method: "GET",
        path: "/v1/gateways/{thingName}/configs",
        errors: { 404: ["gateway-not-found"] },
        summary: "Configuration versions pushed to a gateway, newest first, with the gateway's answer",
        roles: viewers,
        request: { params: ThingParams },
        response: z.object({ items: z.array(S.ConfigVersion) }),
      }),
    },
    gatewayConfig: {
      pushConfig: route({
        method: "POST",
        path: "/v1/gateways/{thingName}/configs",
        errors: { 404: ["gateway-not-found"], 409: ["device-registered"] },
        summary: "Push the next configuration version to a gateway; it answers applied, or rejected with its reason",
        roles: managers,
        request: { params: ThingParams, body: GatewayConfigUpdate },
        response: S.ConfigVersion,
        status: 201,
        idempotent: true,
        iot: ["publish-to-gateways"],
      }),
    },
    devices: {
      listDevices: route({
        method: "GET",
        path: "/v1/devices",
        summary: "Devices reporting through your gateways, with their status and latest values",
        roles: viewers,
        request: { query: S.DevicesQuery },
        response: z.object({ items: z.array(S.Device) }),
      }),
      deviceWindows: route({
        method: "GET",
        path: "/v1/devices/{deviceId}/windows",
        errors: { 404: ["device-not-found"] },
        summary: "A device's aggregated windows (count/min/max/mean/last per signal) in a time range of at most 7 days",
        roles: viewers,
        request: { params: z.object({ deviceId: S.DeviceId }), query: S.TimeRange },
        response: z.object({ items: z.array(S.Window) }),
      }),
    },
    alerts: {
      listAlerts: route({
        method: "GET",
        path: "/v1/alerts",
        summary: "Alerts raised and cleared at the edge in a time range, newest first",
        roles: viewers,
        request: {
          query: z
            .object({ deviceId: S.DeviceId.optional(), limit: z.coerce.number().int().min(1).max(500).optional() })
            .and(S.TimeRange),
        },
        response: z.object({ items: z.array(S.Alert) }),
      }),
    },
  },
});
