import { z } from "zod";
import { cleanStrings } from "../util/text.ts";
import {
  type Alert,
  type ConfigAck,
  type State,
  type TelemetryAggregate,
  type TopicKind,
  UPSTREAM_TOPICS,
} from "./topics.ts";

/**
 * The cloud's check of one gateway-to-cloud message against the wire contract, before anything is
 * stored: size, JSON, then the topic's schema. A refusal names its reason (counted per gateway) and
 * the detail, and still reads the sequence number when it can, so that the ledger accounts for it.
 */
export type Upstream =
  | ({ kind: "telemetry-aggregate" } & TelemetryAggregate)
  | ({ kind: "alert" } & Alert)
  | ({ kind: "state" } & State)
  | ({ kind: "config-ack" } & ConfigAck);

export type Decoded =
  | { ok: true; message: Upstream }
  | { ok: false; reason: "unknown-topic" | "too-large" | "bad-json" | "invalid-payload"; detail: string; seq?: number };

const byKind = new Map<string, (typeof UPSTREAM_TOPICS)[number]>(UPSTREAM_TOPICS.map((t) => [t.kind, t]));

export function decodeUpstream(kind: TopicKind | string, payload: Uint8Array): Decoded {
  const topic = byKind.get(kind);
  if (!topic) return { ok: false, reason: "unknown-topic", detail: `no upstream topic "${kind}"` };
  if (payload.byteLength > topic.maxPayloadBytes) {
    return { ok: false, reason: "too-large", detail: `${payload.byteLength} bytes, limit ${topic.maxPayloadBytes}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload).toString("utf8"));
  } catch (e) {
    return { ok: false, reason: "bad-json", detail: String((e as Error).message).slice(0, 300) };
  }
  const seq = (raw as { seq?: unknown } | null)?.seq;
  const refused = (detail: string): Decoded => ({
    ok: false,
    reason: "invalid-payload",
    detail: detail.slice(0, 1_000),
    ...(typeof seq === "number" && Number.isSafeInteger(seq) && seq > 0 ? { seq } : {}),
  });
  // The HTTP API's text rule (util/text.ts), on every string a gateway sends: device names, alert
  // and state texts reach the portal like typed ones. Refused, not stripped: a stripped `A\0B` is
  // the `AB` spoof, and our gateway is the one that should have cleaned what its devices said.
  const text = cleanStrings(raw);
  if (!text.ok) return refused(text.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).join("; "));
  const parsed = (topic.payload as z.ZodType).safeParse(text.value);
  if (!parsed.success) return refused(z.prettifyError(parsed.error));
  return { ok: true, message: { kind, ...(parsed.data as object) } as Upstream };
}
