import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { open, readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { S3Client } from "@aws-sdk/client-s3";
import { assertPortFree, IDLE_CONNECTION_MS } from "./ports.ts";
import { readBody } from "./read-body.ts";

/**
 * A minimal S3-compatible object store: the local stand-in for the report-files bucket.
 *
 * Why not s3rver: on Node 20 with @aws-sdk/client-s3 v3 it (1) stores stream uploads with their
 * `aws-chunked` framing inside the object (the SDK's default flexible-checksum upload), silently
 * corrupting files, and (2) answers every paged ListObjectsV2 with a 500, because its
 * continuation tokens use DES, which OpenSSL 3 no longer offers. It is also unmaintained.
 *
 * What it serves, path-style only: PutObject, GetObject (single byte range, response-* header
 * overrides), HeadObject, DeleteObject, HeadBucket, ListObjectsV2. Requests must carry a valid
 * SigV4 signature (header or presigned query) for the local credentials, and presigned URLs
 * expire, so code that would be refused by S3 (unsigned links, expired links) is refused here too.
 * Anything else answers 501 NotImplemented, naming what was asked for.
 */

export interface ObjectStore {
  endpoint: string;
  /** Where the objects are kept (the temp dir, when none was given). */
  dir: string;
  stop(): Promise<void>;
}

export interface ObjectStoreOptions {
  port: number;
  /** Where objects live; undefined → a temp dir removed on stop. An existing dir is reloaded. */
  dir?: string;
  /** The buckets the cloud stack declares; no others exist (CreateBucket is not offered). */
  buckets: string[];
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The same dummy pair DynamoDB Local is used with, so one AWS_ACCESS_KEY_ID env serves both. */
export const localS3Credentials = { accessKeyId: "local", secretAccessKey: "local" } as const;

/** A client for the local store: path-style, local region, local credentials. */
export function s3Client(endpoint: string): S3Client {
  return new S3Client({ endpoint, region: "local", forcePathStyle: true, credentials: localS3Credentials });
}

// Bodies are buffered in memory; report files are far below this. S3's own single-PUT limit is 5 GiB.
const maxObjectBytes = 256 * 1024 * 1024;
const maxPresignSeconds = 7 * 24 * 3600;
const xmlns = "http://s3.amazonaws.com/doc/2006-03-01/";

interface ObjectMeta {
  key: string;
  blob: string;
  size: number;
  etag: string;
  lastModified: string;
  contentType: string;
  contentDisposition?: string;
  cacheControl?: string;
  contentEncoding?: string;
  metadata: Record<string, string>;
}

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

export async function startObjectStore({
  port,
  dir,
  buckets,
  credentials = localS3Credentials,
}: ObjectStoreOptions): Promise<ObjectStore> {
  for (const b of buckets) {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(b)) {
      throw new Error(`Invalid bucket name "${b}": 3–63 lowercase letters, digits, dots or hyphens (S3 rules).`);
    }
  }
  await assertPortFree(port, "the object store");
  const root = dir ?? mkdtempSync(join(tmpdir(), "medloop-s3-"));
  const index = new Map<string, Map<string, ObjectMeta>>();
  for (const b of buckets) {
    mkdirSync(join(root, b), { recursive: true });
    index.set(b, await loadBucket(join(root, b)));
  }

  const store = { root, index, credentials };
  const server = createServer((req, res) => {
    handle(store, req, res).catch((e: unknown) => {
      const err =
        e instanceof S3Error ? e : new S3Error(500, "InternalError", e instanceof Error ? e.message : String(e));
      sendError(req, res, err);
    });
  });
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });

  return {
    endpoint: `http://127.0.0.1:${port}`,
    dir: root,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (dir === undefined) rmSync(root, { recursive: true, force: true });
    },
  };
}

interface Store {
  root: string;
  index: Map<string, Map<string, ObjectMeta>>;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

async function loadBucket(path: string): Promise<Map<string, ObjectMeta>> {
  const objects = new Map<string, ObjectMeta>();
  for (const name of await readdir(path)) {
    if (!name.endsWith(".json")) continue;
    const meta = JSON.parse(await readFile(join(path, name), "utf8")) as ObjectMeta;
    objects.set(meta.key, meta);
  }
  return objects;
}

async function handle(store: Store, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawUrl = req.url ?? "/";
  const q = rawUrl.indexOf("?");
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = parseQuery(q < 0 ? "" : rawUrl.slice(q + 1));
  const body = await readBody(
    req,
    maxObjectBytes,
    () => new S3Error(400, "EntityTooLarge", `The local object store takes objects up to ${maxObjectBytes} bytes.`),
  );

  const payloadHash = authenticate(store.credentials, req, rawPath, query);

  const amz = amzHeaders(req, query);
  const slash = rawPath.indexOf("/", 1);
  const bucket = decode(slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash));
  const key = slash < 0 ? "" : decode(rawPath.slice(slash + 1));
  const method = req.method ?? "GET";
  if (bucket === "") throw notImplemented(`${method} /`);
  const objects = store.index.get(bucket);
  if (!objects) throw new S3Error(404, "NoSuchBucket", "The specified bucket does not exist", { BucketName: bucket });
  const bucketDir = join(store.root, bucket);

  if (key === "") {
    if (method === "HEAD") return void res.writeHead(200).end();
    if (method === "GET" && query.get("list-type") === "2") {
      assertOnly(query, ["list-type", "prefix", "delimiter", "max-keys", "continuation-token", "start-after"]);
      return sendXml(res, 200, listObjectsV2(bucket, objects, query));
    }
    throw notImplemented(`${method} on a bucket${describeQuery(query)} (only HeadBucket and ListObjectsV2)`);
  }

  switch (method) {
    case "PUT": {
      assertOnly(query, []);
      if (amz.has("x-amz-copy-source")) throw notImplemented("CopyObject");
      const { data, trailers } = decodePayload(req, body, payloadHash);
      verifyChecksums(new Map([...amz, ...trailers]), data);
      const meta = await putObject(bucketDir, objects, key, data, req, amz);
      res.writeHead(200, { ETag: `"${meta.etag}"` }).end();
      return;
    }
    case "GET":
    case "HEAD": {
      assertOnly(query, [...responseOverrides.keys()]);
      return getObject(bucketDir, objects, bucket, key, req, res, query);
    }
    case "DELETE": {
      assertOnly(query, []);
      const meta = objects.get(key);
      if (meta) {
        objects.delete(key);
        await Promise.all([
          unlinkIfPresent(join(bucketDir, metaFile(key))),
          unlinkIfPresent(join(bucketDir, meta.blob)),
        ]);
      }
      res.writeHead(204).end();
      return;
    }
    default:
      throw notImplemented(`${method} on an object${describeQuery(query)}`);
  }
}

// ---------- objects ----------

function metaFile(key: string): string {
  return `${createHash("sha256").update(key).digest("hex")}.json`;
}

async function putObject(
  bucketDir: string,
  objects: Map<string, ObjectMeta>,
  key: string,
  data: Buffer,
  req: IncomingMessage,
  amz: Map<string, string>,
): Promise<ObjectMeta> {
  const contentMd5 = header(req, "content-md5");
  const md5 = createHash("md5").update(data).digest();
  if (contentMd5 !== undefined && contentMd5 !== md5.toString("base64")) {
    throw new S3Error(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
  }
  const metadata: Record<string, string> = {};
  for (const [name, value] of amz) {
    if (name.startsWith("x-amz-meta-")) metadata[name.slice(11)] = value;
  }
  // aws-chunked is transfer framing, not the object's encoding; S3 drops it too.
  const contentEncoding = header(req, "content-encoding")
    ?.split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "" && s !== "aws-chunked")
    .join(",");
  const meta: ObjectMeta = {
    key,
    // Each version gets its own blob, so a reader holding the old one is never handed a half-written file.
    blob: `${metaFile(key).slice(0, -5)}-${randomUUID()}.bin`,
    size: data.length,
    etag: md5.toString("hex"),
    lastModified: new Date().toISOString(),
    contentType: header(req, "content-type") ?? "binary/octet-stream",
    contentDisposition: header(req, "content-disposition"),
    cacheControl: header(req, "cache-control"),
    contentEncoding: contentEncoding || undefined,
    metadata,
  };
  const tmp = join(bucketDir, `.tmp-${randomUUID()}`);
  await writeFile(join(bucketDir, meta.blob), data);
  await writeFile(tmp, JSON.stringify(meta));
  await rename(tmp, join(bucketDir, metaFile(key)));
  const previous = objects.get(key);
  objects.set(key, meta);
  if (previous) await unlinkIfPresent(join(bucketDir, previous.blob));
  return meta;
}

const responseOverrides = new Map([
  ["response-content-type", "Content-Type"],
  ["response-content-disposition", "Content-Disposition"],
  ["response-cache-control", "Cache-Control"],
  ["response-content-encoding", "Content-Encoding"],
  ["response-content-language", "Content-Language"],
  ["response-expires", "Expires"],
]);

async function getObject(
  bucketDir: string,
  objects: Map<string, ObjectMeta>,
  bucket: string,
  key: string,
  req: IncomingMessage,
  res: ServerResponse,
  query: Map<string, string>,
): Promise<void> {
  const head = req.method === "HEAD";
  // A concurrent overwrite may delete the blob between the index lookup and the open: look again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const meta = objects.get(key);
    if (!meta) {
      if (head) return void res.writeHead(404).end();
      throw new S3Error(404, "NoSuchKey", "The specified key does not exist.", { Key: key, BucketName: bucket });
    }
    let file: Awaited<ReturnType<typeof open>>;
    try {
      file = await open(join(bucketDir, meta.blob));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw e;
    }
    try {
      const headers: Record<string, string | number> = {
        ETag: `"${meta.etag}"`,
        "Last-Modified": new Date(meta.lastModified).toUTCString(),
        "Content-Type": meta.contentType,
        "Accept-Ranges": "bytes",
      };
      if (meta.contentDisposition) headers["Content-Disposition"] = meta.contentDisposition;
      if (meta.cacheControl) headers["Cache-Control"] = meta.cacheControl;
      if (meta.contentEncoding) headers["Content-Encoding"] = meta.contentEncoding;
      for (const [name, value] of Object.entries(meta.metadata)) headers[`x-amz-meta-${name}`] = value;
      for (const [param, name] of responseOverrides) {
        const value = query.get(param);
        if (value !== undefined) headers[name] = value;
      }
      const range = parseRange(header(req, "range"), meta.size);
      const [start, end] = range ?? [0, meta.size - 1];
      const length = Math.max(0, end - start + 1);
      headers["Content-Length"] = length;
      if (range) headers["Content-Range"] = `bytes ${start}-${end}/${meta.size}`;
      res.writeHead(range ? 206 : 200, headers);
      if (head || length === 0) return void res.end();
      const buf = Buffer.alloc(length);
      await file.read(buf, 0, length, start);
      res.end(buf);
      return;
    } finally {
      await file.close();
    }
  }
  throw new S3Error(503, "SlowDown", "The object is being overwritten too often to read; retry.");
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; S3 ignores multi-range requests, and so do we. */
function parseRange(value: string | undefined, size: number): [number, number] | undefined {
  const m = value === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  let start: number;
  let end: number;
  if (m[1] === "") {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) {
    throw new S3Error(416, "InvalidRange", "The requested range is not satisfiable", {
      RangeRequested: value ?? "",
      ActualObjectSize: String(size),
    });
  }
  return [start, end];
}

// ---------- listing ----------

/** S3 lists keys in UTF-8 byte order, which differs from JS string order beyond the BMP. */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function listObjectsV2(bucket: string, objects: Map<string, ObjectMeta>, query: Map<string, string>): string {
  const prefix = query.get("prefix") ?? "";
  const delimiter = query.get("delimiter") ?? "";
  const maxKeysRaw = query.get("max-keys") ?? "1000";
  if (!/^\d+$/.test(maxKeysRaw)) {
    throw new S3Error(400, "InvalidArgument", "Provided max-keys not an integer or within integer range", {
      ArgumentName: "max-keys",
      ArgumentValue: maxKeysRaw,
    });
  }
  const maxKeys = Math.min(Number(maxKeysRaw), 1000);
  const token = query.get("continuation-token");
  const startAfter = query.get("start-after");
  let after = startAfter ?? "";
  if (token !== undefined) {
    try {
      after = (JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { after: string }).after;
      if (typeof after !== "string") throw new Error("bad token");
    } catch {
      throw new S3Error(400, "InvalidArgument", "The continuation token provided is incorrect", {
        ArgumentName: "continuation-token",
      });
    }
  }

  const keys = [...objects.keys()].filter((k) => k.startsWith(prefix) && byteOrder(k, after) > 0).sort(byteOrder);
  const contents: ObjectMeta[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let truncated = false;
  for (const k of keys) {
    const cut = delimiter === "" ? -1 : k.indexOf(delimiter, prefix.length);
    const entry = cut < 0 ? k : k.slice(0, cut + delimiter.length);
    // A page that ended on a common prefix resumes after everything under it.
    if (entry === last || (cut >= 0 && entry === after)) continue;
    if (contents.length + commonPrefixes.length >= maxKeys) {
      truncated = maxKeys > 0;
      break;
    }
    if (cut < 0) contents.push(objects.get(k)!);
    else commonPrefixes.push(entry);
    last = entry;
  }

  const parts = [
    `<Name>${esc(bucket)}</Name>`,
    `<Prefix>${esc(prefix)}</Prefix>`,
    `<KeyCount>${contents.length + commonPrefixes.length}</KeyCount>`,
    `<MaxKeys>${maxKeys}</MaxKeys>`,
    delimiter ? `<Delimiter>${esc(delimiter)}</Delimiter>` : "",
    `<IsTruncated>${truncated}</IsTruncated>`,
    token !== undefined ? `<ContinuationToken>${esc(token)}</ContinuationToken>` : "",
    truncated && last !== undefined
      ? `<NextContinuationToken>${Buffer.from(JSON.stringify({ after: last })).toString("base64url")}</NextContinuationToken>`
      : "",
    startAfter !== undefined ? `<StartAfter>${esc(startAfter)}</StartAfter>` : "",
    ...contents.map(
      (m) =>
        `<Contents><Key>${esc(m.key)}</Key><LastModified>${m.lastModified}</LastModified>` +
        `<ETag>&quot;${m.etag}&quot;</ETag><Size>${m.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
    ),
    ...commonPrefixes.map((p) => `<CommonPrefixes><Prefix>${esc(p)}</Prefix></CommonPrefixes>`),
  ];
  return `<ListBucketResult xmlns="${xmlns}">${parts.join("")}</ListBucketResult>`;
}

// ---------- authentication (SigV4, header or presigned query) ----------

/** Verifies the request's signature and returns the declared payload hash (`x-amz-content-sha256`). */
function authenticate(
  creds: { accessKeyId: string; secretAccessKey: string },
  req: IncomingMessage,
  rawPath: string,
  query: Map<string, string>,
): string {
  const authHeader = header(req, "authorization");
  let credential: string;
  let signedHeaders: string;
  let signature: string;
  let amzDate: string;
  let payloadHash: string;
  const presigned = query.has("X-Amz-Signature");
  if (authHeader !== undefined) {
    const m = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
      authHeader,
    );
    if (!m) throw new S3Error(400, "AuthorizationHeaderMalformed", "Only AWS4-HMAC-SHA256 signatures are accepted.");
    [, credential = "", signedHeaders = "", signature = ""] = m;
    amzDate = header(req, "x-amz-date") ?? "";
    const declared = header(req, "x-amz-content-sha256");
    if (declared === undefined) {
      throw new S3Error(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
    }
    payloadHash = declared;
  } else if (presigned) {
    if (query.get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256") {
      throw new S3Error(400, "AuthorizationQueryParametersError", "X-Amz-Algorithm must be AWS4-HMAC-SHA256.");
    }
    credential = query.get("X-Amz-Credential") ?? "";
    signedHeaders = query.get("X-Amz-SignedHeaders") ?? "";
    signature = query.get("X-Amz-Signature") ?? "";
    amzDate = query.get("X-Amz-Date") ?? "";
    payloadHash = query.get("X-Amz-Content-Sha256") ?? "UNSIGNED-PAYLOAD";
    const expires = Number(query.get("X-Amz-Expires"));
    if (!Number.isInteger(expires) || expires < 1 || expires > maxPresignSeconds) {
      throw new S3Error(
        400,
        "AuthorizationQueryParametersError",
        `X-Amz-Expires must be between 1 and ${maxPresignSeconds} seconds.`,
      );
    }
    if (Date.now() > parseAmzDate(amzDate) + expires * 1000) {
      throw new S3Error(403, "AccessDenied", "Request has expired", {
        Expires: new Date(parseAmzDate(amzDate) + expires * 1000).toISOString(),
        ServerTime: new Date().toISOString(),
      });
    }
  } else {
    throw new S3Error(403, "AccessDenied", "Access Denied: the request is not signed (the bucket is private).");
  }

  const [accessKeyId, date, region, service, terminator] = credential.split("/");
  if (accessKeyId !== creds.accessKeyId) {
    throw new S3Error(
      403,
      "InvalidAccessKeyId",
      `The AWS Access Key Id "${accessKeyId}" is not the local store's ("${creds.accessKeyId}").`,
    );
  }
  if (!date || !region || service !== "s3" || terminator !== "aws4_request" || !amzDate.startsWith(date)) {
    throw new S3Error(400, "AuthorizationHeaderMalformed", `Malformed credential scope "${credential}".`);
  }

  const canonicalQuery = [...query]
    .filter(([k]) => !(presigned && k === "X-Amz-Signature"))
    .map(([k, v]) => [awsEncode(k), awsEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const headerNames = signedHeaders.split(";");
  const canonicalHeaders = headerNames
    .map((name) => `${name}:${(header(req, name) ?? "").trim().replace(/\s+/g, " ")}\n`)
    .join("");
  const canonicalUri = rawPath
    .split("/")
    .map((segment) => awsEncode(decode(segment)))
    .join("/");
  const canonicalRequest = [
    req.method,
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join("\n");
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  let key: Buffer = hmac(`AWS4${creds.secretAccessKey}`, date);
  for (const part of [region, "s3", "aws4_request"]) key = hmac(key, part);
  const expected = hmac(key, stringToSign);
  const given = Buffer.from(signature, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new S3Error(
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      { CanonicalRequest: canonicalRequest, StringToSign: stringToSign },
    );
  }
  return payloadHash;
}

/** Turns the received body into the object's bytes: undoes aws-chunked framing, checks a signed hash. */
function decodePayload(
  req: IncomingMessage,
  body: Buffer,
  payloadHash: string,
): { data: Buffer; trailers: Map<string, string> } {
  if (payloadHash.startsWith("STREAMING-")) {
    const decoded = decodeAwsChunked(body);
    const declared = header(req, "x-amz-decoded-content-length");
    if (declared !== undefined && Number(declared) !== decoded.data.length) {
      throw new S3Error(400, "IncompleteBody", "You did not provide the number of bytes specified by the header.");
    }
    return decoded;
  }
  if (/^[0-9a-f]{64}$/.test(payloadHash) && sha256Hex(body) !== payloadHash) {
    throw new S3Error(
      400,
      "XAmzContentSHA256Mismatch",
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  return { data: body, trailers: new Map() };
}

/**
 * `<hex-size>[;chunk-signature=…]\r\n<bytes>\r\n … 0\r\n[name:value\r\n…]\r\n`. Chunk signatures are not
 * verified (the SDK's default trailer upload has none); trailing checksums are, by the caller.
 */
function decodeAwsChunked(body: Buffer): { data: Buffer; trailers: Map<string, string> } {
  const chunks: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const eol = body.indexOf("\r\n", pos);
    if (eol < 0) throw new S3Error(400, "IncompleteBody", "The aws-chunked body ended before its final chunk.");
    const sizeHex = body.subarray(pos, eol).toString("latin1").split(";")[0] ?? "";
    if (!/^[0-9a-fA-F]+$/.test(sizeHex)) {
      throw new S3Error(400, "InvalidChunkSizeError", `Invalid aws-chunked chunk size "${sizeHex}".`);
    }
    const size = Number.parseInt(sizeHex, 16);
    if (size === 0) {
      const trailers = new Map<string, string>();
      for (const line of body
        .subarray(eol + 2)
        .toString("latin1")
        .split("\r\n")) {
        const colon = line.indexOf(":");
        if (colon > 0) trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      return { data: Buffer.concat(chunks), trailers };
    }
    const start = eol + 2;
    if (start + size + 2 > body.length) {
      throw new S3Error(400, "IncompleteBody", "An aws-chunked chunk is shorter than its declared size.");
    }
    chunks.push(body.subarray(start, start + size));
    pos = start + size + 2;
  }
}

/**
 * S3 checks the flexible checksums it is sent, so a wrong one fails here as in the cloud — notably
 * the CRC32 of an empty body that a default-configured SDK puts into presigned PUT URLs.
 * CRC32C and CRC64NVME have no Node built-in and are accepted unchecked.
 */
const checksums: Record<string, (data: Buffer) => string> = {
  crc32: (data) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(crc32(data));
    return b.toString("base64");
  },
  sha1: (data) => createHash("sha1").update(data).digest("base64"),
  sha256: (data) => createHash("sha256").update(data).digest("base64"),
};

function verifyChecksums(values: Map<string, string>, data: Buffer): void {
  for (const [algorithm, compute] of Object.entries(checksums)) {
    const given = values.get(`x-amz-checksum-${algorithm}`);
    if (given !== undefined && given !== compute(data)) {
      throw new S3Error(
        400,
        "BadDigest",
        `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
      );
    }
  }
}

/** `x-amz-*` headers, including those a presigned URL hoists into its query string. */
function amzHeaders(req: IncomingMessage, query: Map<string, string>): Map<string, string> {
  const amz = new Map<string, string>();
  for (const [k, v] of query) if (k.startsWith("x-amz-")) amz.set(k, v);
  for (const k of Object.keys(req.headers)) {
    const v = header(req, k);
    if (k.startsWith("x-amz-") && v !== undefined) amz.set(k, v);
  }
  return amz;
}

// ---------- helpers ----------

/** Query parameters decoded once, in order; `+` stays a plus, as S3 reads it. */
function parseQuery(raw: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of raw.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const k = decode(eq < 0 ? pair : pair.slice(0, eq));
    params.set(k, eq < 0 ? "" : decode(pair.slice(eq + 1)));
  }
  return params;
}

/** Signing parameters, headers hoisted by presigning, and the SDK's operation tag: allowed everywhere. */
const commonParams = (k: string) => k.toLowerCase().startsWith("x-amz-") || k === "x-id";

function assertOnly(query: Map<string, string>, allowed: string[]): void {
  for (const k of query.keys()) {
    if (!commonParams(k) && !allowed.includes(k)) throw notImplemented(`the ?${k} sub-resource`);
  }
}

function describeQuery(query: Map<string, string>): string {
  const own = [...query.keys()].filter((k) => !commonParams(k));
  return own.length ? ` with ?${own.join("&")}` : "";
}

function notImplemented(what: string): S3Error {
  return new S3Error(501, "NotImplemented", `The local object store does not implement ${what}.`);
}

/** Percent-decoding that answers a malformed escape with S3's 400 instead of a 500. */
function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new S3Error(400, "InvalidURI", `Couldn't parse the specified URI: malformed escape in "${s}".`);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/** RFC 3986 unreserved characters stay, everything else is %XX — SigV4's encoding. */
function awsEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function parseAmzDate(s: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) throw new S3Error(400, "AuthorizationQueryParametersError", `Invalid X-Amz-Date "${s}".`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );
}

function sendXml(res: ServerResponse, status: number, xml: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
  res.writeHead(status, { "Content-Type": "application/xml", "Content-Length": Buffer.byteLength(body) }).end(body);
}

function sendError(req: IncomingMessage, res: ServerResponse, err: S3Error): void {
  if (res.headersSent) return void res.destroy();
  const requestId = randomBytes(8).toString("hex").toUpperCase();
  res.setHeader("x-amz-request-id", requestId);
  // A refused upload may still be streaming in; close rather than read the rest.
  if (!req.complete) res.setHeader("Connection", "close");
  if (req.method === "HEAD") return void res.writeHead(err.status).end();
  const extra = Object.entries(err.extra)
    .map(([k, v]) => `<${k}>${esc(v)}</${k}>`)
    .join("");
  sendXml(
    res,
    err.status,
    `<Error><Code>${err.code}</Code><Message>${esc(err.message)}</Message>${extra}<RequestId>${requestId}</RequestId></Error>`,
  );
}

async function unlinkIfPresent(path: string): Promise<void> {
  await unlink(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== "ENOENT") throw e;
  });
}
