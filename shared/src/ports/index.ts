export {
  type Clock,
  fixedClock,
  type ManualClock,
  manualClock,
  nowIso,
  parseOffset,
  runningFrom,
  setClockOffset,
  systemClock,
  today,
} from "./clock.ts";
export { type Ids, sequentialIds } from "./ids.ts";
