import type { DeviceType } from "@medloop/shared/device/devices";
import type { Reading } from "../reading.ts";
import { adaptAutoclave } from "./autoclave.ts";
import type { Obj } from "./fields.ts";
import { adaptInfusionPump } from "./infusion-pump.ts";
import { adaptMouldingMachine } from "./moulding-machine.ts";
import { adaptPatientMonitor } from "./patient-monitor.ts";

/** The adapter for each device type; the device registry in the configuration says which device is which. */
export const ADAPTERS: Record<DeviceType, (o: Obj) => Reading> = {
  "infusion-pump": adaptInfusionPump,
  "patient-monitor": adaptPatientMonitor,
  autoclave: adaptAutoclave,
  "moulding-machine": adaptMouldingMachine,
};
