// The V1 endpoints the sandbox serves, by path below /SBORO/api and verb.
import type { Endpoint } from "./context";
import { getSeries, getTax } from "./endpoints/configuration";
import { createInvoiceLegacy, createInvoiceV2 } from "./endpoints/invoice-create";

export type Method = "GET" | "POST" | "PUT" | "DELETE";
export type Route = Partial<Record<Method, Endpoint>>;

export const ROUTES: Record<string, Route> = {
  "/series": { GET: getSeries },
  "/tax": { GET: getTax },
  "/invoice/v2": { POST: createInvoiceV2 },
  "/invoice": { POST: createInvoiceLegacy },
};

export function findRoute(path: string): Route | undefined {
  return Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
}
