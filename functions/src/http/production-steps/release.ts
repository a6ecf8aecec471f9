import { BatchReleases } from "@medloop/shared";
import { routes } from "../../capabilities/production.ts";
import { withHttp } from "../../lib/http.ts";
import { configureSigning } from "../../lib/signing.ts";

// In AWS the signer's password is re-checked against Cognito (locally: the users table).
configureSigning();

export const handler = withHttp(routes.release, ({ params, body }) =>
  BatchReleases.releaseBatch({ ...body, ...params }),
);
