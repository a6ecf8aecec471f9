import { type OpenApiDocument, type Operation, parseOperation } from "@/server/schemas";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export interface DocOperation {
  method: (typeof METHODS)[number];
  path: string;
  op: Operation;
  roles: string[] | "public" | undefined;
  request: unknown;
  responses: { status: string; description?: string; schema?: unknown }[];
  parameters: { name: string; in: string; required: boolean; description?: string }[];
}

export interface DocGroup {
  tag: string;
  description?: string;
  operations: DocOperation[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Inlines `#/components/...` references so a reader sees the whole shape in one place; a schema
 * that refers to itself stops at the second visit. `$schema` noise is dropped.
 */
export function inline(value: unknown, doc: OpenApiDocument, seen: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => inline(v, doc, seen));
  if (!isObject(value)) return value;
  const ref = value.$ref;
  if (typeof ref === "string" && ref.startsWith("#/")) {
    if (seen.includes(ref)) return { $ref: ref };
    const target = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), doc);
    return target === undefined ? value : inline(target, doc, [...seen, ref]);
  }
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== "$schema")
      .map(([k, v]) => [k, inline(v, doc, seen)]),
  );
}

const jsonSchemaOf = (content: unknown) =>
  isObject(content) && isObject(content["application/json"]) ? content["application/json"].schema : undefined;

/** Routes grouped by their first tag (else by the path's first segment after the version). */
export function groupOperations(doc: OpenApiDocument): DocGroup[] {
  const groups = new Map<string, DocGroup>();
  for (const t of doc.tags ?? []) groups.set(t.name, { tag: t.name, description: t.description, operations: [] });
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const parsed = parseOperation(item[method]);
      if (!parsed.success) continue;
      const op = parsed.data;
      const tag = op.tags?.[0] ?? path.split("/").filter((s) => s && !/^v\d+$/.test(s))[0] ?? "other";
      const group = groups.get(tag) ?? { tag, operations: [] };
      groups.set(tag, group);
      const xRoles = op["x-roles"];
      const requestBody = inline(op.requestBody, doc);
      group.operations.push({
        method,
        path,
        op,
        roles: xRoles === undefined ? undefined : xRoles === "public" ? "public" : [xRoles].flat(),
        request: isObject(requestBody) ? jsonSchemaOf(requestBody.content) : undefined,
        responses: Object.entries(op.responses ?? {}).map(([status, r]) => {
          const res = inline(r, doc);
          return {
            status,
            description: isObject(res) && typeof res.description === "string" ? res.description : undefined,
            schema: isObject(res) ? jsonSchemaOf(res.content) : undefined,
          };
        }),
        parameters: [...(Array.isArray(item.parameters) ? item.parameters : []), ...(op.parameters ?? [])]
          .map((p) => inline(p, doc))
          .filter(isObject)
          .map((p) => ({
            name: String(p.name ?? ""),
            in: String(p.in ?? ""),
            required: p.required === true,
            description: typeof p.description === "string" ? p.description : undefined,
          })),
      });
    }
  }
  return [...groups.values()].filter((g) => g.operations.length > 0);
}

export const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
