import { z } from "zod";
import { defineEvent } from "../events/define.ts";

/** A device reached the hospital (delivered): in its installed base, under warranty from today. Emitted in the hospital's tenant. */
export const DeviceInstalled = defineEvent(
  "InstalledBase.DeviceInstalled",
  1,
  z.object({
    installedId: z.string(),
    udiDi: z.string(),
    serialNo: z.string(),
    model: z.string(),
    manufacturerName: z.string(),
    warrantyEnd: z.string().nullable(),
  }),
);
