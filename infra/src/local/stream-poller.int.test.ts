import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { tableName } from "@medloop/shared/db/client";
import type { DynamoDBRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../test/eventually.ts";
import { ensureTestTable } from "../../../test/table.ts";
import { client } from "./dynamo.ts";
import { type StreamPoller, startStreamPoller } from "./stream-poller.ts";

const endpoint = process.env.DYNAMODB_ENDPOINT!;
const delivered: string[] = [];
let poller: StreamPoller;

const put = (id: string) =>
  client(endpoint).send(
    new PutItemCommand({ TableName: tableName(), Item: { pk: { S: `probe#${id}` }, sk: { S: "probe" } } }),
  );

beforeAll(async () => {
  await ensureTestTable();
  poller = await startStreamPoller({
    endpoint,
    tableName: tableName(),
    intervalMs: 20,
    consumers: [
      {
        name: "collect",
        async deliver(records: DynamoDBRecord[]) {
          for (const r of records) delivered.push(String(r.dynamodb?.Keys?.pk?.S));
          return undefined;
        },
      },
    ],
  });
});
afterAll(() => poller?.stop());

describe("the stream poller, paused", () => {
  it("reads nothing while paused and, resumed, delivers what was written meanwhile: nothing is lost", async () => {
    await put("before");
    await eventually("the first record delivered", async () => (delivered.includes("probe#before") ? true : undefined));

    poller.pause();
    await put("while-paused");
    // Settling needs two poll cycles; a paused poller runs none, so it cannot settle.
    await expect(poller.settled(500)).rejects.toThrow(/did not settle/);
    expect(delivered).not.toContain("probe#while-paused");

    poller.resume();
    await poller.settled();
    expect(delivered.filter((k) => k === "probe#while-paused")).toHaveLength(1);
  });

  it("stops while paused", async () => {
    poller.pause();
    await poller.stop();
  });
});
