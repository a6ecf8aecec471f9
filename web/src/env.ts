import { z } from "zod";

const Env = z.object({
  MEDLOOP_API_URL: z.url().transform((u) => u.replace(/\/+$/, "")),
  NEXTAUTH_URL: z.url(),
  NEXTAUTH_SECRET: z.string().min(32, "use at least 32 random characters"),
  // Set in AWS (the web stack): people sign in through Cognito's managed login instead of the form.
  COGNITO_USER_POOL_ID: z
    .string()
    .regex(/^[\w-]+_\w+$/)
    .optional(),
  COGNITO_CLIENT_ID: z.string().min(1).optional(),
});
export type Env = z.infer<typeof Env>;

let cached: Env | undefined;

/** Cognito's OpenID issuer when the portal runs in AWS; undefined on the local platform. */
export function cognito(): { issuer: string; clientId: string } | undefined {
  const { COGNITO_USER_POOL_ID: pool, COGNITO_CLIENT_ID: clientId } = env();
  if (!pool || !clientId) return undefined;
  // The pool id starts with its region: `eu-central-1_AbC123`.
  const region = pool.split("_")[0];
  return { issuer: `https://cognito-idp.${region}.amazonaws.com/${pool}`, clientId };
}

/**
 * The portal's configuration, validated once. Read lazily rather than at import so `next build`
 * (which loads route modules) does not need runtime secrets; `instrumentation.ts` calls it at
 * server start so a misconfigured `next start` fails at once, not on the first request.
 */
export function env(): Env {
  if (cached) return cached;
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`The portal's environment is not valid:\n${lines}`);
  }
  cached = parsed.data;
  return cached;
}
