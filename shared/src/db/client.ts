import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { useTenantId } from "../tenant/context.ts";
import { meter } from "./meter.ts";

/**
 * Every DynamoDB call is made with a client for the ambient tenant. In AWS the provider hands
 * out a client whose credentials carry a `dynamodb:LeadingKeys` session policy for that tenant
 * (functions/src/lib/tenant-credentials.ts), so isolation holds even if application code errs.
 * Locally and in tests the provider returns one client for DynamoDB Local.
 */
export type ClientProvider = (tenantId: string) => DynamoDBDocumentClient;

let provider: ClientProvider | undefined;

export function configureDb(next: ClientProvider): void {
  provider = next;
}

/**
 * How every client of this process reaches DynamoDB Local. Started without `-sharedDb`, DynamoDB
 * Local keeps one database file per access key and region, so `DYNAMODB_LOCAL_DATABASE` (the
 * access key) picks the database: the test run serves each suite's copy of a seeded state from one
 * warm DynamoDB Local that way. With `-sharedDb` (`npm start`) the key makes no difference.
 */
export function localDynamoConfig(endpoint: string) {
  return {
    endpoint,
    region: "local",
    credentials: { accessKeyId: process.env.DYNAMODB_LOCAL_DATABASE ?? "local", secretAccessKey: "local" },
  };
}

/** A plain client from the environment: `DYNAMODB_ENDPOINT` for DynamoDB Local, else the AWS default chain. */
export function clientFromEnv(): DynamoDBDocumentClient {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const base = new DynamoDBClient(endpoint ? localDynamoConfig(endpoint) : {});
  return DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
}

function currentProvider(): ClientProvider {
  if (!provider) {
    const client = clientFromEnv();
    provider = () => client;
  }
  return provider;
}

/** What ElectroDB is given: a document client whose every `send` goes to the ambient tenant's client. */
export const tenantScopedClient = {
  send(command: unknown, options?: unknown) {
    const client = currentProvider()(useTenantId());
    // biome-ignore lint/suspicious/noExplicitAny: the document client's send is overloaded per command type
    return meter(command as { input?: object }, () => client.send(command as any, options as any));
  },
};

export const tableName = () => process.env.MEDLOOP_TABLE ?? "medloop";
