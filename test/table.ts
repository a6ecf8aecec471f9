import { ensureTable } from "@medloop/infra/local/dynamo";
import { tableDefinition } from "@medloop/shared/db/service";

/** Create this test file's table (idempotent). */
export const ensureTestTable = () => ensureTable(process.env.DYNAMODB_ENDPOINT!, tableDefinition());
