import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Plugin } from "esbuild";

/**
 * The domain package exports its aggregates as namespaces from barrels (`export * as Users from
 * "./users.ts"`; STYLE.md 1). esbuild cannot tree-shake a namespace that is re-exported and then
 * imported by name (evanw/esbuild#1420): it materialises the namespace object, and with it every
 * export of every aggregate, in every bundle. A namespace imported with `import * as` in the file
 * that uses it is tree-shaken. So, for bundles only, this plugin rewrites
 * `import { Users, withActor } from "@medloop/shared"` into
 * `import * as Users from "<…>/tenant/users.ts"; import { withActor } from "@medloop/shared"`:
 * the same bindings, resolved through the barrels the way Node resolves them (what Next.js's
 * optimizePackageImports does for its users' barrels). Types and other names are left as written.
 */
export function namespaceImports(opts: { packageName: string; barrel: string; sources: RegExp }): Plugin {
  const namespacesOf = new Map<string, Map<string, string>>();

  /** `export * as Name from "./x.ts"` of a barrel and, recursively, of the barrels it `export *`s. */
  function namespaces(barrel: string): Map<string, string> {
    let found = namespacesOf.get(barrel);
    if (found) return found;
    found = new Map();
    namespacesOf.set(barrel, found);
    const source = readFileSync(barrel, "utf8");
    for (const m of source.matchAll(/^export \* as (\w+) from "([^"]+)";$/gm)) {
      found.set(m[1]!, resolve(dirname(barrel), m[2]!));
    }
    for (const m of source.matchAll(/^export \* from "([^"]+)";$/gm)) {
      for (const [name, path] of namespaces(resolve(dirname(barrel), m[1]!))) found.set(name, path);
    }
    return found;
  }

  const importFrom = /^import \{([^}]*)\} from "([^"]+)";$/gm;
  return {
    name: "namespace-imports",
    setup(b) {
      b.onLoad({ filter: opts.sources }, async (args) => {
        const source = await readFile(args.path, "utf8");
        const contents = source.replace(importFrom, (statement, names: string, from: string) => {
          const barrel =
            from === opts.packageName
              ? opts.barrel
              : from.startsWith(".") && from.endsWith("/index.ts")
                ? resolve(dirname(args.path), from)
                : undefined;
          if (!barrel) return statement;
          const table = namespaces(barrel);
          const kept: string[] = [];
          const direct: string[] = [];
          for (const raw of names
            .split(",")
            .map((n) => n.trim())
            .filter(Boolean)) {
            const [name, alias = name] = raw.split(/\s+as\s+/) as [string, string?];
            const path = table.get(name);
            // `type X` is not a key of the table: type imports stay as written.
            if (path) direct.push(`import * as ${alias} from ${JSON.stringify(path)};`);
            else kept.push(raw);
          }
          if (!direct.length) return statement;
          return [...direct, ...(kept.length ? [`import { ${kept.join(", ")} } from "${from}";`] : [])].join(" ");
        });
        return { contents, loader: "ts" };
      });
    },
  };
}
