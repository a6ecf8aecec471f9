import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localS3Credentials, type ObjectStore, s3Client, startObjectStore } from "./object-store.ts";
import { freePort } from "./ports.ts";

const Bucket = "reports";
let store: ObjectStore;
let s3: S3Client;

beforeAll(async () => {
  store = await startObjectStore({ port: await freePort(), buckets: [Bucket, "exports"] });
  s3 = s3Client(store.endpoint);
});

afterAll(async () => {
  s3.destroy();
  await store.stop();
});

async function errorOf(p: Promise<unknown>): Promise<S3ServiceException> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof S3ServiceException)) throw new Error(`expected an S3 error, got ${String(e)}`);
  return e;
}

describe("object store with the AWS SDK v3 client", () => {
  it("stores, reads and describes an object with its content type and metadata", async () => {
    const put = await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: "t1/reports/kpi.pdf",
        Body: Buffer.from("%PDF-1.7 fake"),
        ContentType: "application/pdf",
        Metadata: { tenant: "t1" },
      }),
    );

    const got = await s3.send(new GetObjectCommand({ Bucket, Key: "t1/reports/kpi.pdf" }));
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: "t1/reports/kpi.pdf" }));

    expect(await got.Body?.transformToString()).toBe("%PDF-1.7 fake");
    expect(got.ContentType).toBe("application/pdf");
    expect(got.ETag).toBe(put.ETag);
    expect(head).toMatchObject({ ContentLength: 13, ContentType: "application/pdf", Metadata: { tenant: "t1" } });
  });

  it("keeps a streamed upload byte for byte (the SDK frames it as aws-chunked with a trailing checksum)", async () => {
    const data = Buffer.alloc(300_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7) % 251;

    await s3.send(
      new PutObjectCommand({ Bucket, Key: "t1/stream.bin", Body: Readable.from([data]), ContentLength: data.length }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: "t1/stream.bin" }));

    expect(Buffer.from((await got.Body?.transformToByteArray()) ?? []).equals(data)).toBe(true);
  });

  it("round-trips keys with spaces, pluses and non-ASCII characters", async () => {
    const Key = "t1/Prüfbericht (März) + Anhang!/ñ*'.txt";

    await s3.send(new PutObjectCommand({ Bucket, Key, Body: "x" }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: "t1/Prüf" }));

    expect(await got.Body?.transformToString()).toBe("x");
    expect(listed.Contents?.map((c) => c.Key)).toEqual([Key]);
  });

  it("lists by prefix and delimiter, and pages through many keys", async () => {
    const keys = Array.from({ length: 7 }, (_, i) => `t2/lots/${String(i).padStart(2, "0")}.csv`);
    await Promise.all(keys.map((Key) => s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }))));
    await s3.send(new PutObjectCommand({ Bucket, Key: "t2/index.json", Body: "{}" }));

    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket, Prefix: "t2/lots/", MaxKeys: 3 })) {
      pages++;
      seen.push(...(page.Contents ?? []).map((c) => c.Key ?? ""));
    }
    const folders = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: "t2/", Delimiter: "/" }));

    expect(pages).toBe(3);
    expect(seen).toEqual(keys);
    expect(folders.Contents?.map((c) => c.Key)).toEqual(["t2/index.json"]);
    expect(folders.CommonPrefixes?.map((p) => p.Prefix)).toEqual(["t2/lots/"]);
  });

  it("pages past a common prefix without repeating it", async () => {
    for (const Key of ["t3/a/1", "t3/a/2", "t3/b", "t3/c/1"]) {
      await s3.send(new PutObjectCommand({ Bucket, Key, Body: "." }));
    }

    const first = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: "t3/", Delimiter: "/", MaxKeys: 1 }));
    const rest = await s3.send(
      new ListObjectsV2Command({
        Bucket,
        Prefix: "t3/",
        Delimiter: "/",
        ContinuationToken: first.NextContinuationToken,
      }),
    );

    expect(first.CommonPrefixes?.map((p) => p.Prefix)).toEqual(["t3/a/"]);
    expect(first.IsTruncated).toBe(true);
    expect(rest.Contents?.map((c) => c.Key)).toEqual(["t3/b"]);
    expect(rest.CommonPrefixes?.map((p) => p.Prefix)).toEqual(["t3/c/"]);
    expect(rest.IsTruncated).toBe(false);
  });

  it("serves a byte range", async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: "t1/range.txt", Body: "0123456789" }));

    const got = await s3.send(new GetObjectCommand({ Bucket, Key: "t1/range.txt", Range: "bytes=2-5" }));

    expect(await got.Body?.transformToString()).toBe("2345");
    expect(got.ContentRange).toBe("bytes 2-5/10");
  });

  it("answers missing keys and buckets the way S3 does, and deletes", async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: "t1/gone.txt", Body: "x" }));
    await s3.send(new DeleteObjectCommand({ Bucket, Key: "t1/gone.txt" }));

    const get = await errorOf(s3.send(new GetObjectCommand({ Bucket, Key: "t1/gone.txt" })));
    const head = await errorOf(s3.send(new HeadObjectCommand({ Bucket, Key: "t1/gone.txt" })));
    const bucket = await errorOf(s3.send(new PutObjectCommand({ Bucket: "nope", Key: "k", Body: "x" })));

    expect([get.name, get.$metadata.httpStatusCode]).toEqual(["NoSuchKey", 404]);
    expect([head.name, head.$metadata.httpStatusCode]).toEqual(["NotFound", 404]);
    expect([bucket.name, bucket.$metadata.httpStatusCode]).toEqual(["NoSuchBucket", 404]);
  });

  it("says clearly what it does not implement", async () => {
    const copy = await errorOf(
      s3.send(new CopyObjectCommand({ Bucket, Key: "copy", CopySource: `${Bucket}/t1/range.txt` })),
    );
    const v1 = await errorOf(s3.send(new ListObjectsCommand({ Bucket })));

    expect([copy.name, copy.$metadata.httpStatusCode]).toEqual(["NotImplemented", 501]);
    expect(copy.message).toContain("CopyObject");
    expect([v1.name, v1.$metadata.httpStatusCode]).toEqual(["NotImplemented", 501]);
  });
});

describe("object store authentication", () => {
  it("refuses unsigned requests and wrong secrets", async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: "t1/private.txt", Body: "secret" }));
    const wrong = new S3Client({
      endpoint: store.endpoint,
      region: "local",
      forcePathStyle: true,
      credentials: { accessKeyId: "local", secretAccessKey: "not-the-secret" },
    });

    const anonymous = await fetch(`${store.endpoint}/${Bucket}/t1/private.txt`);
    const badSignature = await errorOf(wrong.send(new GetObjectCommand({ Bucket, Key: "t1/private.txt" })));
    wrong.destroy();

    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).toContain("<Code>AccessDenied</Code>");
    expect([badSignature.name, badSignature.$metadata.httpStatusCode]).toEqual(["SignatureDoesNotMatch", 403]);
  });

  it("serves a presigned GET link, with a download file name, and refuses it once tampered or expired", async () => {
    await s3.send(
      new PutObjectCommand({ Bucket, Key: "t1/reports/q1.pdf", Body: "q1", ContentType: "application/pdf" }),
    );
    await s3.send(new PutObjectCommand({ Bucket, Key: "t1/reports/q2.pdf", Body: "q2" }));
    const command = new GetObjectCommand({
      Bucket,
      Key: "t1/reports/q1.pdf",
      ResponseContentDisposition: 'attachment; filename="Q1 report.pdf"',
    });

    const url = await getSignedUrl(s3, command, { expiresIn: 300 });
    const expiredUrl = await getSignedUrl(s3, command, {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 2 * 3600_000),
    });
    const ok = await fetch(url);
    const tampered = await fetch(url.replace("q1.pdf", "q2.pdf"));
    const expired = await fetch(expiredUrl);

    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("q1");
    expect(ok.headers.get("content-disposition")).toBe('attachment; filename="Q1 report.pdf"');
    expect(ok.headers.get("content-type")).toBe("application/pdf");
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain("SignatureDoesNotMatch");
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("Request has expired");
  });

  it("accepts a presigned PUT only without the empty-body checksum a default client signs into it (as S3 does)", async () => {
    const command = new PutObjectCommand({ Bucket, Key: "t1/upload.txt", Metadata: { tenant: "t1" } });
    const uploader = new S3Client({
      endpoint: store.endpoint,
      region: "local",
      forcePathStyle: true,
      credentials: localS3Credentials,
      requestChecksumCalculation: "WHEN_REQUIRED",
    });

    const broken = await fetch(await getSignedUrl(s3, command, { expiresIn: 60 }), { method: "PUT", body: "data" });
    const put = await fetch(await getSignedUrl(uploader, command, { expiresIn: 60 }), { method: "PUT", body: "data" });
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: "t1/upload.txt" }));
    uploader.destroy();

    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("<Code>BadDigest</Code>");
    expect(put.status).toBe(200);
    expect(head).toMatchObject({ ContentLength: 4, Metadata: { tenant: "t1" } });
  });

  it("is reached path-style by a default client, because the endpoint is an IP address", async () => {
    const plain = new S3Client({
      endpoint: store.endpoint,
      region: "eu-central-1",
      credentials: localS3Credentials,
    });

    const put = await plain.send(new PutObjectCommand({ Bucket: "exports", Key: "plain.txt", Body: "p" }));
    plain.destroy();

    expect(put.ETag).toBeDefined();
  });
});

describe("object store lifecycle", () => {
  it("keeps objects across restarts in a given dir", async () => {
    const dir = mkdtempSync(join(tmpdir(), "medloop-s3-test-"));
    const port = await freePort();
    const first = await startObjectStore({ port, dir, buckets: ["kept"] });
    const c1 = s3Client(first.endpoint);
    await c1.send(new PutObjectCommand({ Bucket: "kept", Key: "a/b.txt", Body: "persisted" }));
    c1.destroy();
    await first.stop();

    const second = await startObjectStore({ port, dir, buckets: ["kept"] });
    const c2 = s3Client(second.endpoint);
    const got = await c2.send(new GetObjectCommand({ Bucket: "kept", Key: "a/b.txt" }));
    const text = await got.Body?.transformToString();
    c2.destroy();
    await second.stop();

    expect(text).toBe("persisted");
    expect(existsSync(dir)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it("removes its temp dir on stop when no dir is given", async () => {
    const temp = await startObjectStore({ port: await freePort(), buckets: ["scratch"] });
    const c = s3Client(temp.endpoint);
    await c.send(new PutObjectCommand({ Bucket: "scratch", Key: "k", Body: "v" }));
    c.destroy();

    await temp.stop();

    expect(existsSync(temp.dir)).toBe(false);
  });

  it("rejects an invalid bucket name before listening", async () => {
    await expect(startObjectStore({ port: await freePort(), buckets: ["Reports_2024"] })).rejects.toThrow(
      /Invalid bucket name "Reports_2024"/,
    );
  });
});
