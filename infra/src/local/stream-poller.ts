import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
} from "@aws-sdk/client-dynamodb-streams";
import { localDynamoConfig } from "@medloop/shared/db/client";
import type { DynamoDBRecord } from "aws-lambda";
import { client as dynamoClient } from "./dynamo.ts";

/**
 * Reads the table's stream as Lambda's event source mapping and EventBridge Pipes do in AWS, and
 * hands batches of records, in order per shard, to the consumers. A batch a consumer fails is
 * retried (from the failed record on, as `reportBatchItemFailures` would) before the shard moves on.
 * Checkpoints (last sequence number per shard) survive restarts when a file is given, so a
 * restart neither loses nor replays what was already delivered.
 */
export interface StreamConsumer {
  name: string;
  /** Returns the index of the first record that failed, or undefined when the batch succeeded. */
  deliver(records: DynamoDBRecord[]): Promise<number | undefined>;
}

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  consumers: StreamConsumer[];
  checkpointFile?: string;
  intervalMs?: number;
  maxAttempts?: number;
  log?: (line: Record<string, unknown>) => void;
}

interface ShardState {
  iterator?: string;
  done: boolean;
}

export function toLambdaRecord(r: _Record, streamArn: string): DynamoDBRecord {
  return {
    eventID: r.eventID,
    eventName: r.eventName as DynamoDBRecord["eventName"],
    eventVersion: r.eventVersion,
    eventSource: "aws:dynamodb",
    awsRegion: "local",
    eventSourceARN: streamArn,
    dynamodb: {
      ...(r.dynamodb as DynamoDBRecord["dynamodb"]),
      ApproximateCreationDateTime: r.dynamodb?.ApproximateCreationDateTime
        ? Math.floor(new Date(r.dynamodb.ApproximateCreationDateTime).getTime() / 1000)
        : undefined,
    },
  };
}

export async function startStreamPoller(opts: StreamPollerOptions) {
  const intervalMs = opts.intervalMs ?? 100;
  const maxAttempts = opts.maxAttempts ?? 5;
  const log = opts.log ?? (() => undefined);
  const streams = new DynamoDBStreamsClient(localDynamoConfig(opts.endpoint));
  const db = dynamoClient(opts.endpoint);
  const { Table } = await db.send(new DescribeTableCommand({ TableName: opts.tableName }));
  db.destroy();
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${opts.tableName} has no stream`);

  const checkpoints: Record<string, string> =
    opts.checkpointFile && existsSync(opts.checkpointFile) ? JSON.parse(readFileSync(opts.checkpointFile, "utf8")) : {};
  const shards = new Map<string, ShardState>();
  const failures: { consumer: string; records: DynamoDBRecord[]; at: string }[] = [];
  let stopped = false;
  let cycles = 0;
  let lastBusyCycle = 0;
  let loop: Promise<void> | undefined;

  const saveCheckpoint = (shardId: string, seq: string) => {
    checkpoints[shardId] = seq;
    if (opts.checkpointFile) writeFileSync(opts.checkpointFile, JSON.stringify(checkpoints));
  };

  async function refreshShards() {
    let start: string | undefined;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        if (!shard.ShardId || shards.has(shard.ShardId)) continue;
        shards.set(shard.ShardId, { done: false });
      }
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
  }

  async function iteratorFor(shardId: string): Promise<string | undefined> {
    const after = checkpoints[shardId];
    const request = (type: "AFTER_SEQUENCE_NUMBER" | "TRIM_HORIZON") =>
      streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: type,
          SequenceNumber: type === "AFTER_SEQUENCE_NUMBER" ? after : undefined,
        }),
      );
    if (!after) return (await request("TRIM_HORIZON")).ShardIterator;
    try {
      return (await request("AFTER_SEQUENCE_NUMBER")).ShardIterator;
    } catch (e) {
      if (!(e instanceof TrimmedDataAccessException)) throw e;
      // The checkpoint is older than what the stream still holds (24 h in AWS): start from the oldest record kept.
      log({ msg: "stream checkpoint trimmed; reading from the oldest record kept", shardId });
      return (await request("TRIM_HORIZON")).ShardIterator;
    }
  }

  /** False when stopping interrupted delivery: the checkpoint then stays put and the batch is read again next start. */
  async function deliver(records: DynamoDBRecord[]): Promise<boolean> {
    for (const consumer of opts.consumers) {
      let pending = records;
      for (let attempt = 1; pending.length; attempt++) {
        if (stopped) return false;
        let failedAt: number | undefined;
        try {
          failedAt = await consumer.deliver(pending);
        } catch (e) {
          failedAt = 0;
          log({ msg: "stream consumer threw", consumer: consumer.name, error: String(e) });
        }
        if (failedAt === undefined) break;
        if (attempt >= maxAttempts) {
          log({
            msg: "stream records dropped after retries",
            consumer: consumer.name,
            count: pending.length - failedAt,
          });
          break;
        }
        pending = pending.slice(failedAt);
        await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
    return true;
  }

  async function pollShard(shardId: string, state: ShardState): Promise<boolean> {
    state.iterator ??= await iteratorFor(shardId);
    if (!state.iterator) {
      state.done = true;
      return false;
    }
    let out: GetRecordsCommandOutput;
    try {
      out = await streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 100 }));
    } catch (e) {
      // An iterator can expire (15 min) or, on DynamoDB Local with many tables, fall behind the
      // stream's trim horizon; a fresh one from the checkpoint continues where delivery stopped.
      if (e instanceof ExpiredIteratorException || e instanceof TrimmedDataAccessException) {
        state.iterator = undefined;
        return false;
      }
      throw e;
    }
    const records = out.Records ?? [];
    if (records.length) {
      if (!(await deliver(records.map((r) => toLambdaRecord(r, streamArn!))))) return false;
      const last = records[records.length - 1]?.dynamodb?.SequenceNumber;
      if (last) saveCheckpoint(shardId, last);
    }
    state.iterator = out.NextShardIterator;
    if (!state.iterator) state.done = true;
    return records.length > 0;
  }

  /** Set while paused: the loop waits on it before its next cycle. */
  let paused: { promise: Promise<void>; resume: () => void } | undefined;

  async function run() {
    let sinceRefresh = Number.POSITIVE_INFINITY;
    while (!stopped) {
      if (paused) await paused.promise;
      if (stopped) break;
      try {
        if (sinceRefresh > 20) {
          await refreshShards();
          sinceRefresh = 0;
        }
        sinceRefresh++;
        let busy = false;
        for (const [id, state] of shards) {
          if (state.done) continue;
          if (await pollShard(id, state)) busy = true;
        }
        cycles++;
        if (busy) {
          lastBusyCycle = cycles;
          continue;
        }
      } catch (e) {
        // A failed cycle counts as busy: `settled` must not report quiet while reads fail.
        cycles++;
        lastBusyCycle = cycles;
        if (!stopped) log({ msg: "stream poll failed", error: String(e) });
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  loop = run();

  return {
    streamArn,
    /**
     * Stops reading after the cycle under way; nothing is lost, the records wait in the stream. The
     * API bench measures a route's own time this way: in AWS the stream consumers are Lambdas of
     * their own, here they would share the route's event loop.
     */
    pause() {
      if (paused) return;
      let resume: () => void = () => undefined;
      const promise = new Promise<void>((r) => {
        resume = r;
      });
      paused = { promise, resume };
    },
    resume() {
      const was = paused;
      paused = undefined;
      was?.resume();
    },
    /** Records a consumer still failed after every retry (the on-failure destination). */
    failures: () => [...failures],
    /** Resolves once every record written before the call has been delivered (two quiet cycles later). */
    async settled(timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      const from = cycles;
      while (!(cycles >= from + 2 && cycles - lastBusyCycle >= 2)) {
        if (Date.now() > deadline) throw new Error("stream poller did not settle");
        await new Promise((r) => setTimeout(r, intervalMs / 2));
      }
    },
    async stop() {
      stopped = true;
      paused?.resume();
      await loop;
      streams.destroy();
    },
  };
}

export type StreamPoller = Awaited<ReturnType<typeof startStreamPoller>>;
