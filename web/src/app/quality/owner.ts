import type { Catalogue } from "@/i18n";

/** `role:operator` → "Operator"; a named user's id as it is (the API names no user here). */
export function ownerWords(owner: string, t: Pick<Catalogue, "roles">): string {
  const role = owner.startsWith("role:") ? (owner.slice(5) as keyof Catalogue["roles"]) : undefined;
  return role && role in t.roles ? t.roles[role] : owner.replace(/^user:/, "");
}
