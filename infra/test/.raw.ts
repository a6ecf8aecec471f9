import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { capabilities } from "@medloop/functions/declaration/index";
import { Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack } from "cdk-nag";
import { buildApp } from "/work/main/infra/src/cloud/app.ts";
const outdir = mkdtempSync(join(tmpdir(), "medloop-cdk-"));
const { app } = buildApp({ capabilities, outdir });
// Prepare the tree as synth would (aspects etc.) is not needed for nag rules on L1 props mostly.
(NagPack.prototype as any).isAcknowledged = () => false;
const acks: { path: string; id: string; reason: string }[] = [];
for (const c of app.node.findAll()) {
  for (const m of c.node.metadata) {
    if (m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
      for (const [k, v] of Object.entries(m.data as Record<string, string>)) acks.push({ path: c.node.path, id: k.replace(/^annotation::/i, ""), reason: v });
    }
  }
}
const findings: { rule: string; path: string }[] = [];
for (const pack of [new AwsSolutionsChecks(), new HIPAASecurityChecks()]) {
  const r = pack.validateScope(app);
  for (const v of r.violations) for (const res of v.violatingResources) findings.push({ rule: v.ruleName, path: res.constructPath! });
}
const byRule = new Map<string, number>();
for (const f of findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
console.log("raw findings", findings.length);
console.log([...byRule].sort().map(([r, n]) => `${n}\t${r}`).join("\n"));
const unused = acks.filter((a) => !findings.some((f) => f.rule === a.id && (f.path === a.path || f.path.startsWith(a.path + "/"))));
console.log("acks", acks.length, "unused", unused.map((a) => `${a.path} ${a.id}`));
const uncovered = findings.filter((f) => !acks.some((a) => f.rule === a.id && (f.path === a.path || f.path.startsWith(a.path + "/"))));
console.log("uncovered", uncovered);
