import { tableDefinition } from "@medloop/shared/db/service";
import { ensureTable } from "../infra/src/local/dynamo.ts";

/** Create this test file's table (idempotent). */
export const ensureTestTable = () => ensureTable(process.env.DYNAMODB_ENDPOINT!, tableDefinition());
