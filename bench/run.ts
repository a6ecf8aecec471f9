// The AWS SDK warns on Node 20 in every process that loads it; the bench knows (vitest.config.ts too).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** `npm run bench -- <name>`: runs one benchmark (or all) and prints its figures. */
const benches: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  api: () => import("./api.ts"),
  edge: () => import("./edge.ts").then((m) => ({ run: m.runEdgeBench })),
  rules: () => import("./rules.ts"),
  trace: () => import("./trace.ts"),
};

const names = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const chosen = names.length ? names : Object.keys(benches);
for (const name of chosen) {
  const load = benches[name];
  if (!load) {
    console.error(`No benchmark "${name}". Choose from: ${Object.keys(benches).join(", ")}`);
    process.exit(2);
  }
  console.log(`\n=== bench: ${name} ===`);
  await (await load()).run();
}
process.exit(0);

export {};
