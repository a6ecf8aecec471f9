import { randomBytes } from "node:crypto";
import { inject } from "vitest";

// Each test file has a database of its own on the run's DynamoDB Local (its access key: letters
// and digits only), and its table there, named before any module reads them.
process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
process.env.DYNAMODB_LOCAL_DATABASE = `suite${randomBytes(6).toString("hex")}`;
process.env.MEDLOOP_TABLE ??= `t_${randomBytes(6).toString("hex")}`;
process.env.AWS_REGION ??= "local";
