// Strict JSON mapping the way SmartBill's Jackson mapper behaves: the first unknown property or
// unmappable value, in the document's own key order, fails the whole request with its exact path
// (`products[0].quantity`). zod reports issues in schema order, which would name the wrong field.

export type FieldSpec =
  | { t: "string" }
  | { t: "number" }
  | { t: "integer" }
  | { t: "boolean" }
  | { t: "date" }
  | { t: "any" }
  | { t: "object"; fields: Record<string, FieldSpec> }
  | { t: "array"; of: FieldSpec; single?: boolean };

export const str = { t: "string" } as const;
export const numb = { t: "number" } as const;
export const int = { t: "integer" } as const;
export const bool = { t: "boolean" } as const;
/** A `LocalDate`: a malformed value is a mapping error, not a business error. */
export const date = { t: "date" } as const;
export const anything = { t: "any" } as const;
export function obj<F extends Record<string, FieldSpec>>(fields: F): { t: "object"; fields: F } {
  return { t: "object", fields };
}
export function arr<S extends FieldSpec>(of: S, opts: { single?: boolean } = {}): { t: "array"; of: S; single?: boolean } {
  return { t: "array", of, ...opts };
}

export type Infer<S> = S extends { t: "string" | "date" }
  ? string
  : S extends { t: "number" | "integer" }
    ? number
    : S extends { t: "boolean" }
      ? boolean
      : S extends { t: "object"; fields: infer F }
        ? { [K in keyof F]?: Infer<F[K]> | null }
        : S extends { t: "array"; of: infer O }
          ? Infer<O>[]
          : unknown;

export type MapResult<T> =
  | { ok: true; value: T }
  | { ok: false; kind: "unknown"; path: string }
  | { ok: false; kind: "type"; path: string };

class MapError extends Error {
  constructor(
    readonly kind: "unknown" | "type",
    readonly path: string,
  ) {
    super(`${kind}: ${path}`);
  }
}

export function mapStrict<S extends FieldSpec>(spec: S, input: unknown): MapResult<Infer<S>> {
  try {
    return { ok: true, value: walk(spec, input, "") as Infer<S> };
  } catch (e) {
    if (e instanceof MapError) return { ok: false, kind: e.kind, path: e.path };
    throw e;
  }
}

function join(base: string, key: string): string {
  return base ? `${base}.${key}` : key;
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function walk(spec: FieldSpec, v: unknown, path: string): unknown {
  if (v === null) return null;
  switch (spec.t) {
    case "any":
      return v;
    case "string":
      // Jackson coerces scalars to String. [!] A NUL character is refused here: PostgreSQL cannot store it.
      if (typeof v === "string") {
        if (v.includes("\0")) throw new MapError("type", path);
        return v;
      }
      if (typeof v === "number" || typeof v === "boolean") return String(v);
      throw new MapError("type", path);
    case "number":
    case "integer": {
      let n: number;
      if (typeof v === "number") n = v;
      else if (typeof v === "string" && v.trim() === "") return null;
      else if (typeof v === "string" && NUMERIC.test(v.trim())) n = Number(v.trim());
      else throw new MapError("type", path);
      if (!Number.isFinite(n)) throw new MapError("type", path);
      return spec.t === "integer" ? Math.trunc(n) : n;
    }
    case "boolean":
      if (typeof v === "boolean") return v;
      if (v === 1 || v === "1" || v === "true") return true;
      if (v === 0 || v === "0" || v === "false") return false;
      throw new MapError("type", path);
    case "date":
      if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
        const d = new Date(`${v}T00:00:00Z`);
        if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v) return v;
      }
      throw new MapError("type", path);
    case "object": {
      if (typeof v !== "object" || Array.isArray(v)) throw new MapError("type", path);
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(v as Record<string, unknown>)) {
        const field = Object.hasOwn(spec.fields, key) ? spec.fields[key] : undefined;
        if (!field) throw new MapError("unknown", join(path, key));
        out[key] = walk(field, value, join(path, key));
      }
      return out;
    }
    case "array": {
      if (!Array.isArray(v)) {
        if (spec.single && typeof v === "object") return [walk(spec.of, v, `${path}[0]`)];
        throw new MapError("type", path);
      }
      // [!] Jackson would put a null element in the list; the sandbox refuses it (the type says no nulls).
      return v.map((item, i) => {
        if (item === null) throw new MapError("type", `${path}[${i}]`);
        return walk(spec.of, item, `${path}[${i}]`);
      });
    }
  }
}
