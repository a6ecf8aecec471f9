import { Certificates, configureDocumentStore } from "@medloop/shared";
import { routes } from "../../capabilities/master-data.ts";
import { s3DocumentStore } from "../../lib/documents.ts";
import { withHttp } from "../../lib/http.ts";

// Only the document routes carry the S3 client and presigner: the other bundles stay small.
configureDocumentStore(s3DocumentStore);

export const handler = withHttp(routes.certificateDocument, ({ params }) => Certificates.documentUrl(params));
