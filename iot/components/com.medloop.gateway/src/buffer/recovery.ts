/** Sequence numbers the buffer once held and lost in a power failure: declared upstream as lost. */
export interface LostRange {
  fromSeq: number;
  toSeq: number;
}

export interface LaneOnDisk {
  /** The lane's last sequence number: on disk, or deleted on purpose (acknowledged or evicted). */
  lastAccountedFor: number;
  /** The back-reference of the lane's last record on disk: the other lane's last number then. */
  claimsOtherUpTo: number;
  /** Every sequence number the lane holds on disk, ascending. */
  seqs: () => Iterable<number>;
}

/**
 * After a restart: the records a lane says the other lane had written, that the other lane no
 * longer has. The lanes are synced one after the other, so a power loss can keep a later record in
 * one lane and lose earlier ones in the other; without this check the lost numbers would sit below
 * the surviving ones as a gap the cloud asks about forever.
 *
 * Below `floor` (the acknowledged position) nothing needs accounting for. A number between the
 * other lane's last and the claim that this lane does not hold either is reported: it was the other
 * lane's (lost), or this lane's own and already evicted and reported as dropped (reporting it again
 * only repeats a range the cloud already counts as lost). Numbers above both lanes up to
 * `handedOut` (the durable high-water mark) were given out and are gone from both.
 */
export function lostBetweenLanes(a: LaneOnDisk, b: LaneOnDisk, floor: number, handedOut: number): LostRange[] {
  const lost = [...missing(a, b, floor), ...missing(b, a, floor)];
  const above = Math.max(a.lastAccountedFor, b.lastAccountedFor, floor);
  if (handedOut > above) lost.push({ fromSeq: above + 1, toSeq: handedOut });
  return lost.sort((x, y) => x.fromSeq - y.fromSeq);
}

function missing(claimant: LaneOnDisk, other: LaneOnDisk, floor: number): LostRange[] {
  const from = Math.max(other.lastAccountedFor, floor) + 1;
  const to = claimant.claimsOtherUpTo;
  if (to < from) return [];
  const out: LostRange[] = [];
  let next = from;
  for (const s of claimant.seqs()) {
    if (s < next) continue;
    if (s > to) break;
    if (s > next) out.push({ fromSeq: next, toSeq: s - 1 });
    next = s + 1;
  }
  if (next <= to) out.push({ fromSeq: next, toSeq: to });
  return out;
}
