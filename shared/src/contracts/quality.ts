import { z } from "zod";
import * as S from "../quality/schema.ts";
import * as V from "../quality/views.ts";
import { RolesByKind } from "../tenant/schema.ts";
import type { RouteErrors } from "./errors.ts";
import { capability, route } from "./route.ts";

/**
 * Nonconformance reports and CAPA (issue 15, QM-2). Manufacturers only. Anyone on the staff can
 * read the registers and report a deviation they find; quality dispositions reports and runs
 * CAPAs; an action of a CAPA is finished by whoever owns it.
 */
const kinds = ["manufacturer"] as const;
const staff = RolesByKind.manufacturer;
const qualityRoles = ["quality-engineer", "admin"] as const;
const reporters = ["quality-engineer", "qc-inspector", "operator", "warehouse", "buyer", "admin"] as const;
const capaStep = <B extends z.ZodType>(path: string, summary: string, body: B, errors: RouteErrors) =>
  route({
    method: "POST",
    path: `/v1/quality/capas/{capaId}/${path}`,
    summary,
    roles: qualityRoles,
    kinds,
    request: { params: V.CapaKey, body },
    response: V.Capa,
    errors: { 404: ["capa-not-found"], 409: ["capa-changed", "capa-step-not-allowed"], ...errors },
  });

export const quality = capability({
  name: "quality",
  spec: ["QM-2"],
  resources: {
    nonconformances: {
      listNonconformances: route({
        method: "GET",
        path: "/v1/quality/nonconformances",
        summary: "The nonconformance register, newest first",
        roles: staff,
        kinds,
        request: { query: S.NcQuery },
        response: z.object({ items: z.array(V.Nonconformance) }),
      }),
      raiseNonconformance: route({
        method: "POST",
        path: "/v1/quality/nonconformances",
        summary: "Report a nonconformance (from an alert: its evidence is attached and its task completed)",
        roles: reporters,
        kinds,
        request: { body: S.RaiseNcInput },
        response: V.Nonconformance,
        status: 201,
        idempotent: true,
        errors: {
          400: ["subject-required"],
          404: ["alert-not-found"],
          409: ["alert-has-nonconformance", "task-not-open"],
        },
      }),
      getNonconformance: route({
        method: "GET",
        path: "/v1/quality/nonconformances/{ncId}",
        summary: "One report with its source, disposition and timeline",
        roles: staff,
        kinds,
        request: { params: V.NcKey },
        response: V.Nonconformance,
        errors: { 404: ["nonconformance-not-found"] },
      }),
      dispositionNonconformance: route({
        method: "POST",
        path: "/v1/quality/nonconformances/{ncId}/disposition",
        summary: "Disposition a report, electronically signed (meaning: approved)",
        roles: qualityRoles,
        kinds,
        request: { params: V.NcKey, body: S.DispositionInput },
        response: V.Nonconformance,
        signs: true,
        errors: {
          404: ["nonconformance-not-found"],
          409: ["nc-already-dispositioned"],
          422: ["concession-required"],
        },
      }),
    },
    capas: {
      listCapas: route({
        method: "GET",
        path: "/v1/quality/capas",
        summary: "The CAPA board, earliest due first",
        roles: staff,
        kinds,
        request: { query: S.CapaQuery },
        response: z.object({ items: z.array(V.Capa) }),
      }),
      openCapa: route({
        method: "POST",
        path: "/v1/quality/capas",
        summary: "Open a CAPA on one or more nonconformance reports",
        roles: qualityRoles,
        kinds,
        request: { body: S.OpenCapaInput },
        response: V.Capa,
        status: 201,
        idempotent: true,
        errors: {
          404: ["nonconformance-not-found"],
          409: ["nc-has-capa"],
          422: ["role-not-of-tenant-kind", "owner-not-found"],
        },
      }),
      getCapa: route({
        method: "GET",
        path: "/v1/quality/capas/{capaId}",
        summary: "One CAPA with its root cause, actions, checks, closure and timeline",
        roles: staff,
        kinds,
        request: { params: V.CapaKey },
        response: V.Capa,
        errors: { 404: ["capa-not-found"] },
      }),
      recordRootCause: capaStep("root-cause", "Record the investigation and its root cause", S.RootCauseInput, {}),
      addCapaAction: capaStep("actions", "Add an action with its owner and due date", S.AddActionInput, {
        422: ["role-not-of-tenant-kind", "owner-not-found"],
      }),
      completeCapaAction: route({
        method: "POST",
        path: "/v1/quality/capas/{capaId}/actions/{actionId}/complete",
        summary: "Finish an action of yours, with its outcome",
        roles: staff,
        kinds,
        request: { params: V.CapaActionKey, body: S.CompleteActionInput },
        response: V.Capa,
        errors: {
          403: ["not-your-action"],
          404: ["capa-not-found", "capa-action-not-found"],
          409: ["capa-changed", "capa-step-not-allowed", "capa-action-done"],
        },
      }),
      checkCapaEffectiveness: {
        ...capaStep("effectiveness", "The effectiveness check, signed (meaning: verified)", S.EffectivenessInput, {
          422: ["capa-has-no-actions", "capa-actions-open"],
        }),
        signs: true,
      },
      closeCapa: {
        ...capaStep("close", "Close a verified CAPA, signed (meaning: approved)", S.CloseCapaInput, {}),
        signs: true,
      },
    },
  },
});
