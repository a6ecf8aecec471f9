import type { NextConfig } from "next";

const config: NextConfig = {
  // The portal imports only zod schemas from the domain package (never its DynamoDB code).
  transpilePackages: ["@medloop/shared"],
  poweredByHeader: false,
  reactStrictMode: true,
  // `forbidden()` renders app/forbidden.tsx with a real 403 status.
  experimental: { authInterrupts: true },
  // `npm test` typechecks web/ with tsc already; skipping Next's second pass saves 10-20 s a build.
  typescript: { ignoreBuildErrors: true },
};

export default config;
