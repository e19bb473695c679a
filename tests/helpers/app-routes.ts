import type { Express } from "express";

/** What the walk reads of Express 5's router (router 2.x): a layer's path, route or sub-router. */
type Layer = {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: unknown;
};

function stackOf(value: unknown): Layer[] | undefined {
  if (typeof value !== "function" && (typeof value !== "object" || value === null)) {
    return undefined;
  }
  const stack: unknown = Reflect.get(value, "stack");
  return Array.isArray(stack) ? (stack as Layer[]) : undefined;
}

/**
 * Every route the app really serves for `method` ("get"), as "/api/v1/dashboard/trend": read from
 * the routers themselves, so a list in a test can be checked against it and cannot fall behind.
 */
export function appRoutes(app: Express, method: string): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        if (layer.route.methods[method]) found.push(`${prefix}${String(layer.route.path)}`);
        continue;
      }
      const inner = stackOf(layer.handle);
      // Middleware without a path is mounted at "/"; a RegExp path (static apps) is not API.
      if (inner && typeof (layer.rawPath ?? "/") === "string") {
        const mount = layer.rawPath === undefined || layer.rawPath === "/" ? "" : layer.rawPath;
        walk(inner, `${prefix}${String(mount)}`);
      }
    }
  };
  walk(stackOf(Reflect.get(app, "router")) ?? [], "");
  return found;
}
