/**
 * The object store for master-data documents (certificate scans), as a port: the domain decides
 * keys, sizes and types; functions/src/lib/documents.ts implements it with S3 presigned URLs (the
 * local object store speaks the same protocol), so files never pass through a Lambda.
 */
export interface DocumentStore {
  /** A URL the browser PUTs the file to, with exactly this content type. */
  uploadUrl(key: string, contentType: string): Promise<{ url: string; expiresAt: string }>;
  downloadUrl(key: string, fileName: string): Promise<{ url: string; expiresAt: string }>;
  /** Size and type of a stored object; undefined if nothing is there. */
  stat(key: string): Promise<{ size: number; contentType: string } | undefined>;
}

let store: DocumentStore | undefined;

export function configureDocumentStore(next: DocumentStore): void {
  store = next;
}

export function useDocumentStore(): DocumentStore {
  if (!store) throw new Error("No document store configured");
  return store;
}

export const DOCUMENT_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
