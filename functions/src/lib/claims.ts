import { type Actor, isRoleOfKind, type Role, TenantKind } from "@medloop/shared";

/**
 * Token claims → actor. The claims are the same whether the token came from the local issuer or
 * from Cognito (whose pre-token-generation trigger adds them): `uid` (the MedLoop user id; Cognito's
 * own `sub` is its internal id, so the user id travels in a claim of ours), `email`, `tid` (tenant id),
 * `tkind` (tenant kind) and `roles` (space-separated; API Gateway passes claims as strings).
 */
export type Claims = Record<string, string | number | boolean | string[]>;

export function claimsToActor(claims: Claims | undefined): Actor | undefined {
  if (!claims) return undefined;
  const kind = TenantKind.safeParse(claims.tkind);
  const tenantId = claims.tid;
  const userId = claims.uid;
  if (!kind.success || typeof tenantId !== "string" || typeof userId !== "string") return undefined;
  const raw = Array.isArray(claims.roles)
    ? claims.roles
    : String(claims.roles ?? "")
        .replace(/^\[|\]$/g, "")
        .split(/[\s,]+/);
  const roles = raw.filter((r): r is Role => isRoleOfKind(kind.data, r));
  return { type: "user", tenantId, tenantKind: kind.data, userId, email: String(claims.email ?? ""), roles };
}

export const actorToClaims = (p: {
  tenantId: string;
  tenantKind: TenantKind;
  userId: string;
  email: string;
  roles: Role[];
}) => ({
  sub: p.userId,
  uid: p.userId,
  email: p.email,
  tid: p.tenantId,
  tkind: p.tenantKind,
  roles: p.roles.join(" "),
});
