import type { Account, Company } from "./accounts";
import type { Sql } from "./db";
import type { FieldSpec, Infer } from "./shape";

/** Where the sandbox is mounted, for the document links it hands out. */
export interface Links {
  /** e.g. http://127.0.0.1:4010/SBORO or https://bursar.example/api/smartbill-sandbox/SBORO */
  base: string;
  documentUrl(id: number): string;
  viewUrl(token: string): string;
  payUrl(token: string): string;
}

export function makeLinks(base: string): Links {
  return {
    base,
    documentUrl: (id) => `${base}/documente/editare/factura/${id}/`,
    viewUrl: (token) => `${base}/documente/extern/pf/factura/${token}`,
    payUrl: (token) => `${base}/plata/${token}`,
  };
}

export interface ApiContext {
  sql: Sql;
  now: () => Date;
  req: Request;
  query: URLSearchParams;
  links: Links;
  account: Account;
  company: Company;
}

export interface Endpoint {
  /** A JSON body mapped strictly against this spec (415 without application/json). */
  spec?: FieldSpec;
  /** Where the company CIF comes from. */
  cif: "query" | "body";
  /** Classic errors on this endpoint carry the document fields (documentUrl, documentId …). */
  invoiceShape?: boolean;
  /** Serves a PDF: `Accept: application/pdf` is refused with 406. */
  pdf?: boolean;
  run(ctx: ApiContext, body: unknown): Promise<Response>;
}

export function endpoint<S extends FieldSpec>(def: {
  spec: S;
  invoiceShape?: boolean;
  run(ctx: ApiContext, body: Infer<S>): Promise<Response>;
}): Endpoint {
  return { ...def, cif: "body", run: (ctx, body) => def.run(ctx, body as Infer<S>) };
}

export function queryEndpoint(def: { pdf?: boolean; run(ctx: ApiContext): Promise<Response> }): Endpoint {
  return { ...def, cif: "query", run: (ctx) => def.run(ctx) };
}
