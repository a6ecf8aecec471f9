import { rolesOf, type TenantKind, Tenants, Users, withActor } from "@medloop/shared";
import { DEMO_PASSWORD } from "./seed-actors.ts";
import { seedEarlyWarning } from "./seed-early-warning.ts";
import { seedInventory } from "./seed-inventory.ts";
import { seedLinks } from "./seed-links.ts";
import { seedMasterData } from "./seed-masterdata.ts";
import { seedPostMarket } from "./seed-post-market.ts";
import { seedProcurement } from "./seed-procurement.ts";
import { seedProduction } from "./seed-production.ts";
import { seedPulse } from "./seed-pulse.ts";
import { seedQuality } from "./seed-quality.ts";
import { seedShipments } from "./seed-shipment.ts";
import { onDay, STORY } from "./seed-story.ts";

export { DEMO_PASSWORD };

/**
 * Demo tenants and one user per role, so every page has someone to sign in as. Running it again
 * changes nothing (existing tenants are left as they are).
 */
export const DEMO_TENANTS: { tenantId: string; name: string; kind: TenantKind; defaultLocale: "en" | "zh" }[] = [
  { tenantId: "acme-med", name: "Acme Medical Devices", kind: "manufacturer", defaultLocale: "en" },
  { tenantId: "city-hospital", name: "City General Hospital", kind: "hospital", defaultLocale: "zh" },
  { tenantId: "river-hospital", name: "Riverside Children's Hospital", kind: "hospital", defaultLocale: "en" },
  { tenantId: "fixit-service", name: "FixIt Biomedical Services", kind: "partner", defaultLocale: "en" },
  // A second manufacturer, so every manufacturer route is also tried by a manufacturer that is not the owner.
  { tenantId: "pulse-medical", name: "Pulse Monitoring Systems", kind: "manufacturer", defaultLocale: "en" },
];

const title = (s: string) =>
  s.replace(/(^|-)(\w)/g, (_, sep: string, c: string) => `${sep ? " " : ""}${c.toUpperCase()}`);

export interface DemoLogin {
  tenant: string;
  kind: TenantKind;
  email: string;
  roles: string[];
}

export function demoLogins(): DemoLogin[] {
  return DEMO_TENANTS.flatMap((t) =>
    rolesOf(t.kind).map((role) => ({
      tenant: t.tenantId,
      kind: t.kind,
      email: `${role}@${t.tenantId}.test`,
      roles: [role],
    })),
  );
}

/**
 * `base`: tenants, users, master data, stock and purchasing — what most test suites stand on.
 * `demo` adds shipments to the hospitals and production orders with finished serials: what
 * `npm start` shows, and about three times the seeding time, so only suites that read it ask.
 */
export type SeedLevel = "base" | "demo";

/**
 * `settled` waits until every change committed so far has been delivered on the bus (the platform's
 * `settled`): the demo level's post-market story acts on what the bus writes into other tenants.
 */
export async function seedDemo(level: SeedLevel, settled: () => Promise<void>): Promise<{ created: string[] }> {
  const created: string[] = [];
  await Promise.all(
    DEMO_TENANTS.map((t) =>
      withActor({ type: "system", tenantId: t.tenantId, name: "demo-seed" }, async () => {
        const exists = await Tenants.getTenant().then(
          () => true,
          () => false,
        );
        if (exists) return;
        await onDay(STORY.onboarding, async () => {
          await Tenants.create({ name: t.name, kind: t.kind, defaultLocale: t.defaultLocale });
          // In parallel: password hashing (scrypt) dominates and runs on libuv's thread pool.
          await Promise.all(
            rolesOf(t.kind).map((role) =>
              Users.create({
                email: `${role}@${t.tenantId}.test`,
                name: `${title(role)} (${t.name.split(" ")[0]})`,
                roles: [role],
                password: DEMO_PASSWORD,
                locale: t.defaultLocale,
              }),
            ),
          );
        });
        created.push(t.tenantId);
      }),
    ),
  );
  // Master data is matched by code, record by record: it also fills in a tenant seeded before it existed.
  const hospitals = DEMO_TENANTS.filter((t) => t.kind === "hospital");
  // Pulse has invited City General, which has not answered yet, and delivered monitors to it that
  // therefore did not reach it: its admin accepts in the portal, and they appear.
  const city = hospitals.find((h) => h.tenantId === "city-hospital")!;
  await withActor(
    { type: "system", tenantId: "pulse-medical", tenantKind: "manufacturer", name: "demo-seed" },
    async () => {
      await seedLinks(await Tenants.getTenant(), [city], "pending");
      await seedPulse(city);
    },
  );
  await withActor({ type: "system", tenantId: "acme-med", tenantKind: "manufacturer", name: "demo-seed" }, async () => {
    // Accepted links first: a shipment reaches a hospital's installed base only through one.
    await seedLinks(await Tenants.getTenant(), hospitals, "accepted");
    await onDay(STORY.onboarding, () => seedMasterData(hospitals));
    // Stock of the seeded materials in the seeded warehouses, and this week's purchasing (orders,
    // receipts and inspections against the seeded suppliers): the current state, on the seeding day.
    await seedInventory();
    await seedProcurement();
    if (level === "base") return;
    // Production orders on that master data and stock, January to June 2026, with finished serials in stock.
    await seedProduction("acme-med");
    // A control chart on the pumps' flow-rate accuracy whose patrol checks drifted: an alert raised.
    await seedEarlyWarning("acme-med");
    // A nonconformance from the pumps' safety test and its CAPA halfway: root cause found, one action done.
    await seedQuality("acme-med");
    // Finished devices delivered to both demo hospitals in July 2026 (their installed base follows
    // through the bus, warranties from the delivery day), one shipment on its way today.
    await seedShipments(hospitals);
    // A complaint with its reporting clocks running, and a recall campaign one hospital has acknowledged.
    await seedPostMarket(settled);
  });
  return { created: created.sort() };
}
