import { capabilities } from "@medloop/functions/declaration/index";
import { buildBundledApp } from "../src/cloud/app.ts";

// `cdk synth` / `cdk deploy` from the repo root (cdk.json). The CLI synthesises the app when this
// process exits; cdk-nag findings that are neither fixed nor acknowledged fail the synth.
await buildBundledApp({ capabilities });
