import { Logger } from "@aws-lambda-powertools/logger";

/** One structured logger per function; correlation ids are appended per request by the HTTP stack. */
export const logger = new Logger({
  serviceName: "medloop",
  logLevel: (process.env.LOG_LEVEL as "INFO" | "DEBUG" | "WARN" | "ERROR" | "SILENT" | undefined) ?? "INFO",
});
