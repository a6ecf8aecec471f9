import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { DocumentStore } from "@medloop/shared";
import { s3Client } from "./s3.ts";

/** Presigned links live long enough to pick a file and send it, not to be passed around. */
const LINK_SECONDS = 10 * 60;

function bucket(): string {
  const name = process.env.DOCUMENTS_BUCKET;
  if (!name) throw new Error("DOCUMENTS_BUCKET is not set");
  return name;
}

const expiry = () => new Date(Date.now() + LINK_SECONDS * 1000).toISOString();

/** The master-data document store on S3 (the local object store checks the same signatures). */
export const s3DocumentStore: DocumentStore = {
  async uploadUrl(key, contentType) {
    const command = new PutObjectCommand({ Bucket: bucket(), Key: key, ContentType: contentType });
    const url = await getSignedUrl(s3Client({ presigning: true }), command, { expiresIn: LINK_SECONDS });
    return { url, expiresAt: expiry() };
  },
  async downloadUrl(key, fileName) {
    const command = new GetObjectCommand({
      Bucket: bucket(),
      Key: key,
      ResponseContentDisposition: `attachment; filename="${fileName.replace(/["\\]/g, "_")}"`,
    });
    return { url: await getSignedUrl(s3Client(), command, { expiresIn: LINK_SECONDS }), expiresAt: expiry() };
  },
  async stat(key) {
    try {
      const head = await s3Client().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
      return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? "application/octet-stream" };
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
      throw error;
    }
  },
};
