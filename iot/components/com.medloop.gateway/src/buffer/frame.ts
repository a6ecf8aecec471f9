import { crc32 } from "node:zlib";

/**
 * One record on disk: a 25-byte header, then the payload.
 *
 *   0  u32 LE  payload length
 *   4  u32 LE  CRC-32 of bytes 8.. (sequence numbers, kind and payload)
 *   8  f64 LE  sequence number (an integer below 2^53)
 *  16  f64 LE  the other lane's last sequence number when this record was written (0: none yet)
 *  24  u8      kind (index into the topic kinds)
 *  25  …       payload: the exact MQTT payload that goes upstream
 *
 * The CRC catches a torn write at the end of a segment after a crash, and bit rot anywhere. The
 * back-reference ties the two lanes' files into one write order: the lanes are synced separately,
 * so after a power loss a record can survive while the other lane's earlier records are gone, and
 * only the surviving record can say that they existed.
 */
export const HEADER_BYTES = 25;
/** Far above any upstream message (IoT Core's limit is 128 KB): a larger length is corruption. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

export interface StoredRecord {
  seq: number;
  /** The other lane's last sequence number when this record was written. */
  otherLast: number;
  kind: number;
  payload: Buffer;
}

export function encodeFrame(seq: number, otherLast: number, kind: number, payload: Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(HEADER_BYTES + payload.byteLength);
  buf.writeUInt32LE(payload.byteLength, 0);
  buf.writeDoubleLE(seq, 8);
  buf.writeDoubleLE(otherLast, 16);
  buf.writeUInt8(kind, 24);
  buf.set(payload, HEADER_BYTES);
  buf.writeUInt32LE(crc32(buf.subarray(8)), 4);
  return buf;
}

export type FrameAt =
  | { status: "ok"; record: StoredRecord; size: number }
  /** The buffer ends inside the frame: read more (or, at the end of a file, a torn write). */
  | { status: "partial"; needed: number }
  | { status: "corrupt" };

export function decodeFrame(buf: Buffer, offset: number): FrameAt {
  if (buf.length - offset < LEGACY_HEADER_BYTES) return { status: "partial", needed: HEADER_BYTES };
  const length = buf.readUInt32LE(offset);
  if (length > MAX_PAYLOAD_BYTES) return { status: "corrupt" };
  const size = HEADER_BYTES + length;
  const crc = buf.readUInt32LE(offset + 4);
  if (buf.length - offset >= size && crc32(buf.subarray(offset + 8, offset + size)) === crc) {
    const seq = buf.readDoubleLE(offset + 8);
    const otherLast = buf.readDoubleLE(offset + 16);
    if (
      !Number.isSafeInteger(seq) ||
      seq < 1 ||
      !Number.isSafeInteger(otherLast) ||
      otherLast < 0 ||
      otherLast >= seq
    ) {
      return { status: "corrupt" };
    }
    const payload = buf.subarray(offset + HEADER_BYTES, offset + size);
    return { status: "ok", record: { seq, otherLast, kind: buf.readUInt8(offset + 24), payload }, size };
  }
  const legacy = decodeLegacyFrame(buf, offset, length, crc);
  if (legacy) return legacy;
  if (buf.length - offset < size) return { status: "partial", needed: size };
  return { status: "corrupt" };
}

/**
 * Segments written before the back-reference existed: a 17-byte header (length, CRC, sequence
 * number, kind). Read so that an upgraded gateway still sends what it had buffered; such a record
 * claims nothing about the other lane. New records are always written in the current layout.
 */
const LEGACY_HEADER_BYTES = 17;

function decodeLegacyFrame(buf: Buffer, offset: number, length: number, crc: number): FrameAt | undefined {
  const size = LEGACY_HEADER_BYTES + length;
  if (buf.length - offset < size || crc32(buf.subarray(offset + 8, offset + size)) !== crc) return undefined;
  const seq = buf.readDoubleLE(offset + 8);
  if (!Number.isSafeInteger(seq) || seq < 1) return { status: "corrupt" };
  const payload = buf.subarray(offset + LEGACY_HEADER_BYTES, offset + size);
  return { status: "ok", record: { seq, otherLast: 0, kind: buf.readUInt8(offset + 16), payload }, size };
}
