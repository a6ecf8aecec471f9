import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startPlatform } from "@medloop/infra/local/platform";
import type { SeedLevel } from "@medloop/infra/local/seed";

/**
 * Child process of `seededState` (test/seeded-state.ts): seeds the platform data folder given as
 * `dir` to `level`, lets every seeded change leave through the stream, and stops, so the folder
 * holds a consistent database, stream checkpoints, keys and objects that test platforms copy.
 * A process of its own: the seed loads handlers and clients that must not outlive it in a worker.
 */
const [level, dir] = process.argv.slice(2) as [SeedLevel, string];
const platform = await startPlatform({ dataDir: dir, seed: level });
await platform.settled();
const manifest = { level, tableName: platform.tableName, seeded: platform.demo.seeded };
await platform.stop();
writeFileSync(join(dir, "snapshot.json"), JSON.stringify(manifest));
