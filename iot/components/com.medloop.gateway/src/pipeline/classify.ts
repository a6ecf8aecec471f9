import { createHmac } from "node:crypto";
import type { FieldClass } from "@medloop/shared/device/gateway-config";
import type { Reading } from "./reading.ts";

/** The attribute that names the patient a reading was taken from (its pseudonym is the aggregate's subject). */
export const SUBJECT_ATTRIBUTE = "patientId";

export interface ClassifierSettings {
  tenantId: string;
  /** The tenant's de-identification key (from the secret store, never from the configuration). */
  key: Uint8Array;
  classification: Record<string, FieldClass>;
  pseudonymize: readonly string[];
}

const cacheLimit = 10_000;

/**
 * Applies the classification table to every field of a reading before anything can leave the
 * gateway: public and internal fields stay, patient fields are replaced by a keyed HMAC (those
 * listed for pseudonymisation) or removed, and fields nobody classified are removed — fail closed.
 *
 * The pseudonym is HMAC-SHA256(tenant key, tenantId ␀ field ␀ value), 128 bits, base64url: stable
 * within a tenant so the cloud can link a patient's readings, useless without the key, and
 * different across tenants for the same identifier.
 */
export class Classifier {
  private readonly pseudonymized: Set<string>;
  private readonly cache = new Map<string, string>();

  constructor(private readonly s: ClassifierSettings) {
    this.pseudonymized = new Set(s.pseudonymize);
  }

  pseudonym(field: string, value: string): string {
    const cacheKey = `${field}\u0000${value}`;
    let p = this.cache.get(cacheKey);
    if (p === undefined) {
      const mac = createHmac("sha256", this.s.key).update(`${this.s.tenantId}\u0000${cacheKey}`).digest();
      p = `p_${mac.subarray(0, 16).toString("base64url")}`;
      // Bounded: a monitor sees a handful of patients a day; a flood of fake ids must not grow memory.
      if (this.cache.size >= cacheLimit) this.cache.clear();
      this.cache.set(cacheKey, p);
    }
    return p;
  }

  /** Rewrites the reading in place; returns the subject pseudonym, if any. */
  apply(r: Reading, dropped: (field: string) => void): string | undefined {
    const table = this.s.classification;
    for (const name in r.signals) {
      const c = table[name];
      // A bare number cannot be pseudonymised: a patient-class signal is removed like an unclassified one.
      if (c === undefined || c === "patient") {
        delete r.signals[name as keyof Reading["signals"]];
        dropped(c ? `patient-field:${name}` : `unclassified:${name}`);
      }
    }
    let subject: string | undefined;
    for (const name in r.attributes) {
      const c = table[name];
      if (c === "public" || c === "internal") continue;
      if (c === "patient" && this.pseudonymized.has(name)) {
        const p = this.pseudonym(name, r.attributes[name] as string);
        r.attributes[name] = p;
        if (name === SUBJECT_ATTRIBUTE) subject = p;
        continue;
      }
      delete r.attributes[name];
      dropped(c ? `patient-field:${name}` : `unclassified:${name}`);
    }
    return subject;
  }
}
