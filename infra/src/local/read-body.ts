import type { IncomingMessage } from "node:http";

/**
 * A request body, refused with `tooLarge()` once it passes `limit` bytes (the local servers' size
 * caps). The rest of an oversized body is read and dropped rather than the connection reset, so the
 * client gets to read the refusal; a body that goes on past four times the limit is cut off.
 */
export function readBody(req: IncomingMessage, limit: number, tooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else if (size > 4 * limit) {
        req.destroy();
        reject(tooLarge());
      }
    });
    req.on("end", () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}
