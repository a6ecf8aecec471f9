import { GatewayConfigUpdate } from "@medloop/iot/gateway-config";
import { ruleTopicFilter, UPSTREAM_TOPICS } from "@medloop/iot/topics";
import { Telemetry } from "@medloop/shared";
import { z } from "zod";
import { defineCapability, route, type TopicRuleDeclaration } from "../declaration/types.ts";

const S = Telemetry.Schema;

/**
 * Manufacturers (factory lines) and hospitals (wards, CSSD) both run gateways. Who sees device
 * data: the people who run or answer for the equipment; who registers gateways and pushes
 * configuration: the tenant's admin and its equipment engineers.
 */
const viewers = ["admin", "operator", "quality-engineer", "service-manager", "biomed-engineer", "ward-user"] as const;
const managers = ["admin", "service-manager", "biomed-engineer"] as const;

const ThingParams = z.object({ thingName: S.ThingName });

export const routes = {
  registerGateway: route({
    method: "POST",
    path: "/v1/gateways",
    handler: "http/gateways/register",
    summary: "Register an edge gateway (an IoT thing) with its devices",
    roles: managers,
    request: { body: Telemetry.register.schema },
    response: S.Gateway,
    status: 201,
    idempotent: true,
  }),
  listGateways: route({
    method: "GET",
    path: "/v1/gateways",
    handler: "http/gateways/list",
    summary: "Your gateways with their status (online, buffering, offline) and when they were last heard from",
    roles: viewers,
    response: z.object({ items: z.array(S.Gateway) }),
  }),
  getGateway: route({
    method: "GET",
    path: "/v1/gateways/{thingName}",
    handler: "http/gateways/get",
    summary: "One gateway: status, received-sequence ledger (gaps, replays, duplicates) and refused messages by reason",
    roles: viewers,
    request: { params: ThingParams },
    response: S.GatewayDetail,
  }),
  issueCredentials: route({
    method: "POST",
    path: "/v1/gateways/{thingName}/credentials",
    handler: "http/gateways/credentials",
    summary:
      "New credentials for a gateway (an X.509 certificate and key in AWS); shown once, earlier ones stay valid until revoked",
    roles: managers,
    request: { params: ThingParams },
    response: S.Credentials,
    status: 201,
    sensitive: true,
    iot: ["provision-gateways"],
  }),
  pushConfig: route({
    method: "POST",
    path: "/v1/gateways/{thingName}/configs",
    handler: "http/gateways/push-config",
    summary: "Push the next configuration version to a gateway; it answers applied, or rejected with its reason",
    roles: managers,
    request: { params: ThingParams, body: GatewayConfigUpdate },
    response: S.ConfigVersion,
    status: 201,
    idempotent: true,
    iot: ["publish-to-gateways"],
  }),
  listConfigs: route({
    method: "GET",
    path: "/v1/gateways/{thingName}/configs",
    handler: "http/gateways/list-configs",
    summary: "Configuration versions pushed to a gateway, newest first, with the gateway's answer",
    roles: viewers,
    request: { params: ThingParams },
    response: z.object({ items: z.array(S.ConfigVersion) }),
  }),
  listDevices: route({
    method: "GET",
    path: "/v1/devices",
    handler: "http/devices/list",
    summary: "Devices reporting through your gateways, with their status and latest values",
    roles: viewers,
    request: { query: Telemetry.listDevices.schema },
    response: z.object({ items: z.array(S.Device) }),
  }),
  deviceWindows: route({
    method: "GET",
    path: "/v1/devices/{deviceId}/windows",
    handler: "http/devices/windows",
    summary: "A device's aggregated windows (count/min/max/mean/last per signal) in a time range of at most 7 days",
    roles: viewers,
    request: { params: z.object({ deviceId: S.DeviceId }), query: S.TimeRange },
    response: z.object({ items: z.array(S.Window) }),
  }),
  listAlerts: route({
    method: "GET",
    path: "/v1/alerts",
    handler: "http/alerts/list",
    summary: "Alerts raised and cleared at the edge in a time range, newest first",
    roles: viewers,
    request: {
      query: z
        .object({ deviceId: S.DeviceId.optional(), limit: z.coerce.number().int().min(1).max(500).optional() })
        .and(S.TimeRange),
    },
    response: z.object({ items: z.array(S.Alert) }),
  }),
};

/** One rule per gateway-to-cloud topic, its SQL from the wire contract (iot/src/topics.ts). */
const topicRules: TopicRuleDeclaration[] = UPSTREAM_TOPICS.flatMap((t) =>
  t.rule
    ? [
        {
          name: t.rule.name,
          handler: "topics/ingest",
          sql: t.rule.sql,
          topicFilter: ruleTopicFilter(t.kind),
          description: `Gateway ${t.kind} messages into the telemetry store: ${t.description}`,
          // A lasting gap is answered with a replay request to the gateway.
          iot: ["publish-to-gateways"] as const,
        },
      ]
    : [],
);

export const telemetry = defineCapability({
  name: "telemetry",
  spec: ["EDGE-1", "EDGE-2", "EDGE-3", "EDGE-4", "EDGE-5", "SEC-5", "EW-1"],
  routes: Object.values(routes),
  topicRules,
});
