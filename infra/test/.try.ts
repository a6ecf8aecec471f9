import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { capabilities } from "@medloop/functions/declaration/index";
import { buildApp } from "/work/main/infra/src/cloud/app.ts";
const outdir = mkdtempSync(join(tmpdir(), "medloop-cdk-"));
const t0 = Date.now();
const { app } = buildApp({ capabilities, outdir });
console.log("built", Date.now() - t0);
try {
  app.synth();
  console.log("synth ok", Date.now() - t0, outdir);
} catch (e) {
  console.log("synth failed", Date.now() - t0, outdir);
  console.log(String((e as Error).message).slice(0, 20000));
}
