export {
  type Clock,
  fixedClock,
  type ManualClock,
  manualClock,
  parseOffset,
  setClockOffset,
  systemClock,
} from "./clock.ts";
export { type Ids, sequentialIds } from "./ids.ts";
