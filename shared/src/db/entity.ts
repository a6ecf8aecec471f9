import { Entity, type Schema } from "electrodb";
import { tableName, tenantScopedClient } from "./client.ts";

/**
 * An entity of the one table, built on first use. Building an ElectroDB entity parses its model
 * (~3 ms each); a handler touches a handful of the table's entities, and every Lambda cold start
 * used to pay for all of them. The stand-in forwards everything to the entity once built, so it
 * is used exactly like one (`UserEntity.get(…)`, `EntityItem<typeof UserEntity>`).
 */
export function defineEntity<
  A extends string,
  F extends string,
  C extends string,
  S extends Schema<A, F, C, P>,
  P extends string = string,
>(schema: S): Entity<A, F, C, S, P> {
  let built: Entity<A, F, C, S, P> | undefined;
  const entity = () => {
    built ??= new Entity<A, F, C, S, P>(schema, { table: tableName(), client: tenantScopedClient });
    return built;
  };
  return new Proxy(Object.create(Entity.prototype) as Entity<A, F, C, S, P>, {
    get(_target, property) {
      // The schema is plain data: reading it (the table definition, the audit's key parsing of
      // another entity's records) builds nothing.
      if (property === "schema") return schema;
      const target = entity();
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
    has: (_target, property) => Reflect.has(entity(), property),
    set: (_target, property, value) => Reflect.set(entity(), property, value),
  });
}
