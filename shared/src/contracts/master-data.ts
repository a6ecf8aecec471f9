import { z } from "zod";
import * as MasterDataAccess from "../masterdata/access.ts";
import * as Boms from "../masterdata/schema/boms.ts";
import * as Certificates from "../masterdata/schema/certificates.ts";
import * as Customers from "../masterdata/schema/customers.ts";
import * as DataDictionary from "../masterdata/schema/dictionary.ts";
import * as MasterDataSchema from "../masterdata/schema/fields.ts";
import * as MasterDataImport from "../masterdata/schema/import.ts";
import * as Locations from "../masterdata/schema/locations.ts";
import * as Materials from "../masterdata/schema/materials.ts";
import * as ProcessRoutes from "../masterdata/schema/process-routes.ts";
import * as Products from "../masterdata/schema/products.ts";
import * as Sites from "../masterdata/schema/sites.ts";
import * as Suppliers from "../masterdata/schema/suppliers.ts";
import * as Warehouses from "../masterdata/schema/warehouses.ts";
import * as WorkCentres from "../masterdata/schema/work-centres.ts";
import { capability, route } from "./route.ts";
import { versionedRecordRoutes } from "./versioned-records.ts";

/**
 * Master data (MD-1, MD-2, MD-3, MD-5, INT-2): products, materials, suppliers and their
 * certificates, customers, sites/warehouses/locations, work centres, BOM and route revisions, the
 * data dictionary and CSV import. Manufacturer-internal: hospitals and partners get 403 on every route.
 */
const { readers, writers } = MasterDataAccess;
const { Page, versionOf } = MasterDataSchema;
const manufacturer = ["manufacturer"] as const;
const importers = [...new Set([...writers.material, ...writers.supplier, ...writers.customer])];
const ReleaseBody = z.object({ effectiveFrom: MasterDataSchema.IsoDate, reason: MasterDataSchema.Reason }).strict();
const DownloadLink = z.object({ url: z.url(), expiresAt: z.string() });

export const masterData = capability({
  name: "master-data",
  spec: ["MD-1", "MD-2", "MD-3", "MD-5", "INT-2"],
  resources: {
    products: versionedRecordRoutes({
      noun: "product",
      plural: "products",
      segment: "products",
      id: "productId",
      readers,
      writers: writers.product,
      schemas: Products,
    }),
    materials: versionedRecordRoutes({
      noun: "material",
      plural: "materials",
      segment: "materials",
      id: "materialId",
      readers,
      writers: writers.material,
      schemas: Materials,
    }),
    suppliers: {
      ...versionedRecordRoutes({
        noun: "supplier",
        plural: "suppliers",
        segment: "suppliers",
        id: "supplierId",
        readers,
        writers: writers.supplier,
        schemas: Suppliers,
      }),
      supplierQualification: route({
        method: "GET",
        path: "/v1/suppliers/{supplierId}/qualification",
        summary: "Is the supplier qualified for a material on a date? (approved, and a valid certificate covers it)",
        roles: readers,
        kinds: manufacturer,
        request: {
          params: z.object({ supplierId: z.uuid() }),
          query: Certificates.QualificationQuery.omit({ supplierId: true }),
        },
        response: Certificates.Qualification,
      }),
    },
    customers: versionedRecordRoutes({
      noun: "customer",
      plural: "customers",
      segment: "customers",
      id: "customerId",
      readers,
      writers: writers.customer,
      schemas: Customers,
    }),
    sites: versionedRecordRoutes({
      noun: "site",
      plural: "sites",
      segment: "sites",
      id: "siteId",
      readers,
      writers: writers.site,
      schemas: Sites,
    }),
    warehouses: versionedRecordRoutes({
      noun: "warehouse",
      plural: "warehouses",
      segment: "warehouses",
      id: "warehouseId",
      readers,
      writers: writers.warehouse,
      schemas: Warehouses,
      // A warehouse stands at a site of the organisation.
      errors: { create: { 422: ["unknown-site"] }, update: { 422: ["unknown-site"] } },
    }),
    workCentres: versionedRecordRoutes({
      noun: "work centre",
      plural: "work centres",
      segment: "work-centres",
      id: "workCentreId",
      readers,
      writers: writers.workCentre,
      schemas: WorkCentres,
      // A work centre stands at a site of the organisation too.
      errors: { create: { 422: ["unknown-site"] }, update: { 422: ["unknown-site"] } },
    }),
    locations: {
      listLocations: route({
        method: "GET",
        path: "/v1/warehouses/{warehouseId}/locations",
        errors: { 404: ["warehouse-not-found"] },
        summary: "Locations of a warehouse",
        roles: readers,
        kinds: manufacturer,
        request: { params: z.object({ warehouseId: z.uuid() }) },
        response: Page(Locations.Info),
      }),
      createLocation: route({
        method: "POST",
        path: "/v1/warehouses/{warehouseId}/locations",
        errors: { 404: ["warehouse-not-found"] },
        summary: "Create a location in a warehouse (code unique within it)",
        roles: writers.location,
        kinds: manufacturer,
        request: {
          params: z.object({ warehouseId: z.uuid() }),
          body: Locations.CreateInput.omit({ warehouseId: true }),
        },
        response: Locations.Info,
        status: 201,
        idempotent: true,
      }),
      getLocation: route({
        method: "GET",
        path: "/v1/warehouses/{warehouseId}/locations/{locationId}",
        errors: { 404: ["location-not-found"] },
        summary: "One location",
        roles: readers,
        kinds: manufacturer,
        request: { params: z.object({ warehouseId: z.uuid(), locationId: z.uuid() }) },
        response: Locations.Info,
      }),
      updateLocation: route({
        method: "PUT",
        path: "/v1/warehouses/{warehouseId}/locations/{locationId}",
        errors: { 404: ["location-not-found"] },
        summary: "Change a location (a new version; reason required)",
        roles: writers.location,
        kinds: manufacturer,
        request: {
          params: z.object({ warehouseId: z.uuid(), locationId: z.uuid() }),
          body: Locations.UpdateInput.omit({ warehouseId: true, locationId: true }),
        },
        response: Locations.Info,
      }),
      locationVersions: route({
        method: "GET",
        path: "/v1/warehouses/{warehouseId}/locations/{locationId}/versions",
        errors: { 404: ["location-not-found"] },
        summary: "Every version of a location",
        roles: readers,
        kinds: manufacturer,
        request: { params: z.object({ warehouseId: z.uuid(), locationId: z.uuid() }) },
        response: Page(versionOf(Locations.Info)),
      }),
    },
    certificates: {
      listCertificates: route({
        method: "GET",
        path: "/v1/certificates",
        summary: "Every supplier certificate of your organisation with its validity today, soonest expiry first",
        roles: readers,
        kinds: manufacturer,
        response: Page(Certificates.View),
      }),
      listSupplierCertificates: route({
        method: "GET",
        path: "/v1/suppliers/{supplierId}/certificates",
        errors: { 404: ["supplier-not-found"] },
        summary: "A supplier's certificates with their validity today",
        roles: readers,
        kinds: manufacturer,
        request: { params: z.object({ supplierId: z.uuid() }) },
        response: Page(Certificates.View),
      }),
      createCertificate: route({
        method: "POST",
        path: "/v1/suppliers/{supplierId}/certificates",
        errors: { 404: ["supplier-not-found"] },
        summary: "Record a qualification certificate (number, scope, validity) of a supplier",
        roles: writers.certificate,
        kinds: manufacturer,
        request: { params: z.object({ supplierId: z.uuid() }), body: Certificates.CreateBody },
        response: Certificates.View,
        status: 201,
        idempotent: true,
      }),
      getCertificate: route({
        method: "GET",
        path: "/v1/suppliers/{supplierId}/certificates/{certificateId}",
        errors: { 404: ["certificate-not-found"] },
        summary: "One certificate with its validity today",
        roles: readers,
        kinds: manufacturer,
        request: { params: z.object({ supplierId: z.uuid(), certificateId: z.uuid() }) },
        response: Certificates.View,
      }),
      updateCertificate: route({
        method: "PUT",
        path: "/v1/suppliers/{supplierId}/certificates/{certificateId}",
        errors: { 404: ["certificate-not-found"] },
        summary: "Change a certificate (renewal, scope): a new version, reason required",
        roles: writers.certificate,
        kinds: manufacturer,
        request: { params: z.object({ supplierId: z.uuid(), certificateId: z.uuid() }), body: Certificates.UpdateBody },
        response: Certificates.View,
      }),
      certificateVersions: route({
        method: "GET",
        path: "/v1/suppliers/{supplierId}/certificates/{certificateId}/versions",
        errors: { 404: ["certificate-not-found"] },
        summary: "Every version of a certificate",
        roles: readers,
        kinds: manufacturer,
        request: { params: z.object({ supplierId: z.uuid(), certificateId: z.uuid() }) },
        response: Page(versionOf(Certificates.Info)),
      }),
      startCertificateUpload: route({
        method: "POST",
        path: "/v1/suppliers/{supplierId}/certificates/{certificateId}/document-upload",
        errors: { 404: ["certificate-not-found"] },
        summary: "A short-lived URL to PUT the scanned certificate to (PDF, PNG or JPEG)",
        roles: writers.certificate,
        kinds: manufacturer,
        documents: true,
        request: {
          params: z.object({ supplierId: z.uuid(), certificateId: z.uuid() }),
          body: Certificates.StartUploadInput.pick({ contentType: true }).strict(),
        },
        response: Certificates.DocumentUpload,
      }),
      attachCertificateDocument: route({
        method: "PUT",
        path: "/v1/suppliers/{supplierId}/certificates/{certificateId}/document",
        errors: { 404: ["certificate-not-found"], 422: ["foreign-document-key"] },
        summary: "Bind the uploaded file to the certificate (checked to exist, size and type)",
        roles: writers.certificate,
        kinds: manufacturer,
        documents: true,
        request: {
          params: z.object({ supplierId: z.uuid(), certificateId: z.uuid() }),
          body: Certificates.AttachDocumentInput.omit({ supplierId: true, certificateId: true }).strict(),
        },
        response: Certificates.View,
      }),
      certificateDocument: route({
        method: "GET",
        path: "/v1/suppliers/{supplierId}/certificates/{certificateId}/document",
        errors: { 404: ["certificate-not-found"] },
        summary: "A short-lived download URL of the scanned certificate",
        roles: readers,
        kinds: manufacturer,
        documents: true,
        request: { params: z.object({ supplierId: z.uuid(), certificateId: z.uuid() }) },
        response: DownloadLink,
      }),
    },
    boms: {
      listBoms: route({
        method: "GET",
        path: "/v1/products/{productId}/boms",
        errors: { 404: ["product-not-found"] },
        summary: "Every BOM revision of a product, drafts and released",
        roles: readers,
        kinds: manufacturer,
        request: { params: z.object({ productId: z.uuid() }) },
        response: Page(Boms.Info),
      }),
      draftBom: route({
        method: "POST",
        path: "/v1/products/{productId}/boms",
        errors: { 422: ["invalid-bom-lines"] },
        summary: "Draft a new BOM revision",
        roles: writers.bom,
        kinds: manufacturer,
        request: { params: z.object({ productId: z.uuid() }), body: Boms.Content },
        response: Boms.Info,
        status: 201,
        idempotent: true,
      }),
      getBom: route({
        method: "GET",
        path: "/v1/products/{productId}/boms/{revision}",
        errors: { 404: ["bom-revision-not-found"] },
        summary: "One BOM revision",
        roles: readers,
        kinds: manufacturer,
        request: { params: z.object({ productId: z.uuid(), revision: z.coerce.number().int().min(1) }) },
        response: Boms.Info,
      }),
      editBomDraft: route({
        method: "PUT",
        path: "/v1/products/{productId}/boms/{revision}",
        errors: { 422: ["invalid-bom-lines"] },
        summary: "Replace a draft BOM revision (409 once released)",
        roles: writers.bom,
        kinds: manufacturer,
        request: {
          params: z.object({ productId: z.uuid(), revision: z.coerce.number().int().min(1) }),
          body: Boms.Content,
        },
        response: Boms.Info,
      }),
      releaseBom: route({
        method: "POST",
        path: "/v1/products/{productId}/boms/{revision}/release",
        errors: { 404: ["bom-revision-not-found"] },
        summary: "Release a draft BOM revision from a date; it supersedes the current one, and never changes again",
        roles: writers.bom,
        kinds: manufacturer,
        request: {
          params: z.object({ productId: z.uuid(), revision: z.coerce.number().int().min(1) }),
          body: ReleaseBody,
        },
        response: Boms.Info,
      }),
      effectiveBom: route({
        method: "GET",
        path: "/v1/products/{productId}/effective-bom",
        summary: "The released BOM in effect on a date (what a production order snapshots)",
        roles: readers,
        kinds: manufacturer,
        request: { params: z.object({ productId: z.uuid() }), query: z.object({ date: MasterDataSchema.IsoDate }) },
        response: Boms.Info,
      }),
    },
    processRoutes: {
      listRoutes: route({
        method: "GET",
        path: "/v1/products/{productId}/routes",
        errors: { 404: ["product-not-found"] },
        summary: "Every process route revision of a product, drafts and released",
        roles: readers,
        kinds: manufacturer,
        request: { params: z.object({ productId: z.uuid() }) },
        response: Page(ProcessRoutes.Info),
      }),
      draftRoute: route({
        method: "POST",
        path: "/v1/products/{productId}/routes",
        errors: { 422: ["unknown-work-centre"] },
        summary: "Draft a new process route revision",
        roles: writers.processRoute,
        kinds: manufacturer,
        request: { params: z.object({ productId: z.uuid() }), body: ProcessRoutes.Content },
        response: ProcessRoutes.Info,
        status: 201,
        idempotent: true,
      }),
      getRoute: route({
        method: "GET",
        path: "/v1/products/{productId}/routes/{revision}",
        errors: { 404: ["route-revision-not-found"] },
        summary: "One process route revision",
        roles: readers,
        kinds: manufacturer,
        request: { params: z.object({ productId: z.uuid(), revision: z.coerce.number().int().min(1) }) },
        response: ProcessRoutes.Info,
      }),
      editRouteDraft: route({
        method: "PUT",
        path: "/v1/products/{productId}/routes/{revision}",
        errors: { 422: ["unknown-work-centre"] },
        summary: "Replace a draft process route revision (409 once released)",
        roles: writers.processRoute,
        kinds: manufacturer,
        request: {
          params: z.object({ productId: z.uuid(), revision: z.coerce.number().int().min(1) }),
          body: ProcessRoutes.Content,
        },
        response: ProcessRoutes.Info,
      }),
      releaseRoute: route({
        method: "POST",
        path: "/v1/products/{productId}/routes/{revision}/release",
        errors: { 404: ["route-revision-not-found"] },
        summary:
          "Release a draft process route revision from a date; it supersedes the current one, and never changes again",
        roles: writers.processRoute,
        kinds: manufacturer,
        request: {
          params: z.object({ productId: z.uuid(), revision: z.coerce.number().int().min(1) }),
          body: ReleaseBody,
        },
        response: ProcessRoutes.Info,
      }),
      effectiveRoute: route({
        method: "GET",
        path: "/v1/products/{productId}/effective-route",
        summary: "The released process route in effect on a date (what a production order snapshots)",
        roles: readers,
        kinds: manufacturer,
        request: { params: z.object({ productId: z.uuid() }), query: z.object({ date: MasterDataSchema.IsoDate }) },
        response: ProcessRoutes.Info,
      }),
    },
    dataDictionary: {
      dataDictionary: route({
        method: "GET",
        path: "/v1/data-dictionary",
        summary: "The data dictionary: every master-data field with its meaning (en, zh), type, validation and owner",
        roles: readers,
        kinds: manufacturer,
        response: Page(DataDictionary.Entry),
      }),
    },
    masterDataImports: {
      importMasterData: route({
        method: "POST",
        path: "/v1/master-data/imports",
        errors: { 422: ["import-has-invalid-rows"] },
        summary:
          "Import materials, suppliers or customers from CSV: dry run with a per-row report, all-or-nothing, or valid rows only",
        roles: importers,
        kinds: manufacturer,
        request: { body: MasterDataImport.Input },
        response: MasterDataImport.Report,
        idempotent: true,
      }),
    },
  },
});
