import { patternFor, Recalls } from "@medloop/shared";
import { recalls as recallContracts } from "@medloop/shared/contracts/recalls";
import { defineCapability } from "../declaration/types.ts";

const { CampaignOpened, NoticeAcknowledged, DeviceStateReported } = Recalls.Events;

export const recalls = defineCapability({
  contracts: recallContracts,
  subscriptions: [
    {
      name: "recall-notices",
      handler: "subscriptions/recall-notices",
      pattern: patternFor(CampaignOpened),
      description:
        "Writes a recall notice into each linked hospital's own tenant, listing only that hospital's devices (allow-listed fields)",
    },
    {
      name: "recall-replies",
      handler: "subscriptions/recall-replies",
      pattern: patternFor(NoticeAcknowledged, DeviceStateReported),
      description:
        "Applies a hospital's acknowledgement and device states to the manufacturer's recall campaign, forward only",
    },
  ],
});
