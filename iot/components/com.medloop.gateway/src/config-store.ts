import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GatewayConfig } from "@medloop/shared/device/gateway-config";
import { Topics } from "@medloop/shared/device/topics";
import { z } from "zod";

export type ConfigOffer = { ok: true; config: GatewayConfig } | { ok: false; version: number | null; reason: string };

const file = "config.json";
const maxReasonChars = 1_900;

/**
 * The configuration in force, and the judge of new ones. A configuration pushed by the cloud is
 * kept on disk, so a restart does not fall back to the (older) one deployed with the recipe; a
 * newer deployed one wins over it.
 */
export class ConfigStore {
  private constructor(
    private readonly dir: string,
    public current: GatewayConfig,
  ) {}

  static load(dir: string, deployed: GatewayConfig): ConfigStore {
    mkdirSync(dir, { recursive: true });
    let saved: GatewayConfig | undefined;
    try {
      const parsed = GatewayConfig.safeParse(JSON.parse(readFileSync(join(dir, file), "utf8")));
      if (parsed.success) saved = parsed.data;
    } catch {
      // No saved configuration yet (or an unreadable one): the deployed one applies.
    }
    return new ConfigStore(dir, saved && saved.version > deployed.version ? saved : deployed);
  }

  /** Validates a configuration message; a good one is saved and becomes current, a bad one changes nothing. */
  offer(payload: Uint8Array): ConfigOffer {
    if (payload.byteLength > Topics.config.maxPayloadBytes) {
      return {
        ok: false,
        version: null,
        reason: `${payload.byteLength} bytes, limit ${Topics.config.maxPayloadBytes}`,
      };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(payload).toString("utf8"));
    } catch {
      return { ok: false, version: null, reason: "not valid JSON" };
    }
    const claimed =
      typeof raw === "object" && raw !== null && Number.isSafeInteger((raw as { version?: unknown }).version)
        ? ((raw as { version: number }).version as number)
        : null;
    const parsed = GatewayConfig.safeParse(raw);
    if (!parsed.success) {
      return { ok: false, version: claimed, reason: z.prettifyError(parsed.error).slice(0, maxReasonChars) };
    }
    if (parsed.data.version <= this.current.version) {
      return {
        ok: false,
        version: claimed,
        reason: `version ${parsed.data.version} is not newer than version ${this.current.version} in force`,
      };
    }
    this.save(parsed.data);
    this.current = parsed.data;
    return { ok: true, config: parsed.data };
  }

  private save(config: GatewayConfig): void {
    const tmp = join(this.dir, `${file}.tmp`);
    writeFileSync(tmp, JSON.stringify(config));
    const fd = openSync(tmp, "r");
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, join(this.dir, file));
  }
}
