import { Logger } from "@aws-lambda-powertools/logger";

/** One structured logger per function; correlation ids are appended per request by the HTTP stack. */
// Level from POWERTOOLS_LOG_LEVEL (Powertools' own variable), INFO when unset.
export const logger = new Logger({ serviceName: "medloop" });
