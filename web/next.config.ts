import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const config: NextConfig = {
  // For the cloud: `NEXT_OUTPUT=standalone npm run build -w web` before `cdk deploy` packs the
  // server for the web stack's Lambda. Locally `next start` serves the ordinary build.
  ...(process.env.NEXT_OUTPUT === "standalone" && {
    output: "standalone",
    outputFileTracingRoot: fileURLToPath(new URL("..", import.meta.url)),
  }),
  // The portal imports only zod schemas from the domain package (never its DynamoDB code).
  transpilePackages: ["@medloop/shared"],
  // pdfkit reads its own data files at run time: it stays a Node package, not bundled.
  serverExternalPackages: ["pdfkit"],
  poweredByHeader: false,
  reactStrictMode: true,
  // `forbidden()` renders app/forbidden.tsx with a real 403 status.
  experimental: { authInterrupts: true },
  // `npm test` typechecks web/ with tsc already; skipping Next's second pass saves 10-20 s a build.
  typescript: { ignoreBuildErrors: true },
};

export default config;
