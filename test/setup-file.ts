import { randomBytes } from "node:crypto";
import { inject } from "vitest";

// Each test file has its own table on the shared DynamoDB Local, named before any module reads it.
process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
process.env.MEDLOOP_TABLE ??= `t_${randomBytes(6).toString("hex")}`;
process.env.AWS_REGION ??= "local";
