import { routes } from "../../capabilities/master-data.ts";
import { byRoute } from "../../lib/by-route.ts";
import { handler as attachDocument } from "./attach-document.ts";
import { handler as create } from "./create.ts";
import { handler as document } from "./document.ts";
import { handler as get } from "./get.ts";
import { handler as list } from "./list.ts";
import { handler as listAll } from "./list-all.ts";
import { handler as startUpload } from "./start-upload.ts";
import { handler as update } from "./update.ts";
import { handler as versions } from "./versions.ts";

/** Every route of this resource in one function (see lib/by-route.ts). */
export const handler = byRoute([
  [routes.listCertificates, listAll],
  [routes.listSupplierCertificates, list],
  [routes.createCertificate, create],
  [routes.getCertificate, get],
  [routes.updateCertificate, update],
  [routes.certificateVersions, versions],
  [routes.startCertificateUpload, startUpload],
  [routes.attachCertificateDocument, attachDocument],
  [routes.certificateDocument, document],
]);
