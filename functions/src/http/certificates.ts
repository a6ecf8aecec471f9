import { Certificates, configureDocumentStore } from "@medloop/shared";
import { masterData } from "@medloop/shared/contracts/master-data";
import { s3DocumentStore } from "../lib/documents.ts";
import { implement } from "../lib/implement.ts";

// Only the document routes carry the S3 client and presigner: the other bundles stay small.
configureDocumentStore(s3DocumentStore);

export const handler = implement(masterData.resources.certificates, {
  listCertificates: async () => ({ items: await Certificates.list({}) }),
  listSupplierCertificates: async ({ params }) => ({
    items: await Certificates.list(params),
  }),
  createCertificate: ({ params, body }) => Certificates.create({ ...params, ...body }),
  getCertificate: ({ params }) => Certificates.get(params),
  updateCertificate: ({ params, body }) => Certificates.update({ ...params, ...body }),
  certificateVersions: async ({ params }) => ({
    items: await Certificates.versions(params),
  }),
  startCertificateUpload: ({ params, body }) => Certificates.startDocumentUpload({ ...params, ...body }),
  attachCertificateDocument: ({ params, body }) => Certificates.attachDocument({ ...params, ...body }),
  certificateDocument: ({ params }) => Certificates.documentUrl(params),
});
