import { z } from "zod";

const Env = z.object({
  MEDLOOP_API_URL: z.url().transform((u) => u.replace(/\/+$/, "")),
  NEXTAUTH_URL: z.url(),
  NEXTAUTH_SECRET: z.string().min(32, "use at least 32 random characters"),
});
export type Env = z.infer<typeof Env>;

let cached: Env | undefined;

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
