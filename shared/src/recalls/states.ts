import { conflict } from "../errors/index.ts";
import { DeviceState } from "./schema.ts";

/** A device's recall state machine: affected → located → quarantined → returned | corrected. */
export const rankOf = (state: DeviceState): number => Math.min(DeviceState.options.indexOf(state), 3);

/** `returned` and `corrected` close a device; a campaign closes when every device is closed. */
export const isClosed = (state: DeviceState): boolean => rankOf(state) === 3;

/**
 * Whether `to` moves a device on from `from`: forward only, steps may be skipped (a device found
 * already quarantined), and nothing leaves a closed state.
 */
export const movesForward = (from: DeviceState, to: DeviceState): boolean => rankOf(to) > rankOf(from);

/** The refusal of a move that does not go forward (a person asked for it; a replayed event is ignored instead). */
export function assertForward(serialNo: string, from: DeviceState, to: DeviceState): void {
  if (movesForward(from, to)) return;
  throw conflict(
    isClosed(from) ? "recall-device-closed" : "recall-state-backward",
    isClosed(from)
      ? `Device ${serialNo} is already ${from}: its recall is closed`
      : `Device ${serialNo} is ${from}: it cannot go back to ${to}`,
    { from, to },
  );
}
