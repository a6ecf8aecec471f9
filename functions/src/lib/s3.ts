import { S3Client } from "@aws-sdk/client-s3";

const clients = new Map<string, S3Client>();

/**
 * The S3 client of every handler: the local object store when `S3_ENDPOINT` is set, else AWS.
 * `presigning`: a client that signs no body checksum into upload URLs — by default the SDK signs
 * the CRC32 of the (empty) body it has, and S3 then refuses the file the browser sends.
 */
export function s3Client(opts: { presigning?: boolean } = {}): S3Client {
  const name = opts.presigning ? "presigning" : "default";
  let client = clients.get(name);
  if (!client) {
    const endpoint = process.env.S3_ENDPOINT;
    client = new S3Client({
      ...(endpoint && {
        endpoint,
        forcePathStyle: true,
        region: process.env.AWS_REGION ?? "local",
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
      }),
      ...(opts.presigning && { requestChecksumCalculation: "WHEN_REQUIRED" as const }),
    });
    clients.set(name, client);
  }
  return client;
}
