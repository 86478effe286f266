// Keeps the page weight down without measuring it (npm run bench:bundle prints the figures): follows the
// static imports of our client code (type-only imports and `import()` are not followed, as the bundler
// splits those off) and checks which packages each page's first load can reach.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";

const ROOT = path.resolve(import.meta.dirname, "..");
const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  if (/\.(json|css)$/.test(base)) return base;
  const hit = ["", ...EXTENSIONS].map((e) => base + e).find((p) => fs.existsSync(p) && fs.statSync(p).isFile());
  if (!hit) throw new Error(`cannot resolve ${spec} from ${from}`);
  return hit;
}

const parsed = new Map<string, string[]>();

/** The module specifiers a file imports at runtime, statically. */
function runtimeImports(file: string): string[] {
  if (parsed.has(file)) return parsed.get(file)!;
  const src = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const specs: string[] = [];
  for (const node of src.statements) {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes = clause && !clause.name && named && ts.isNamedImports(named) && named.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) specs.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      specs.push((node.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  parsed.set(file, specs);
  return specs;
}

const directive = (file: string, d: string) => new RegExp(`^\\s*["']${d}["']`).test(fs.readFileSync(file, "utf8"));
const isClient = (file: string) => directive(file, "use client");
const rel = (file: string) => path.relative(ROOT, file);

/** Every package reachable from `entry` through our own modules, with the chain that reaches it. */
function reachablePackages(entry: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    // A server action module reaches the browser as a reference, not as code.
    if (seen.has(file) || !/\.tsx?$/.test(file) || directive(file, "use server")) return;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      const local = resolveLocal(file, spec);
      if (local) walk(local, [...chain, rel(local)]);
      else if (!found.has(spec)) found.set(spec, chain);
    }
  };
  walk(entry, [rel(entry)]);
  return found;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"))
    .map((f) => path.join(ROOT, dir, f));
}

/**
 * The client components a server layout renders: those it imports, and those the server components it
 * imports do (the build puts every client component of a layout's server graph into the layout's
 * first load, rendered or not).
 */
function clientComponentsOf(file: string, seen = new Set<string>()): string[] {
  const found: string[] = [];
  for (const spec of runtimeImports(file)) {
    const local = resolveLocal(file, spec);
    if (!local || !/\.tsx?$/.test(local) || seen.has(local)) continue;
    seen.add(local);
    if (isClient(local)) found.push(local);
    else if (local.endsWith(".tsx") && !directive(local, "use server")) found.push(...clientComponentsOf(local, seen));
  }
  return found;
}

function offending(entries: string[], banned: (spec: string) => boolean): string[] {
  return entries.flatMap((entry) =>
    [...reachablePackages(entry)].filter(([spec]) => banned(spec)).map(([spec, chain]) => `${chain.join(" → ")} → ${spec}`),
  );
}

describe("page weight", () => {
  it("no client component loads zod with the page: forms load their schema when first validated (lazyZodResolver)", () => {
    const clients = [...sourceFiles("app"), ...sourceFiles("components")].filter(isClient);
    expect(clients.length).toBeGreaterThan(10);
    expect(offending(clients, (s) => s === "zod" || s.startsWith("zod/") || s === "@hookform/resolvers/zod")).toEqual([]);
  });

  it("the root and dashboard layouts' client components load only what every page needs", () => {
    const entries = ["app/layout.tsx", "app/(dashboard)/layout.tsx", "app/(auth)/layout.tsx"].flatMap((l) => clientComponentsOf(path.join(ROOT, l)));
    expect(entries.map(rel)).toEqual(expect.arrayContaining(["components/providers.tsx", "components/shell/user-menu.tsx", "components/shell/nav-links.tsx"]));
    const pageSpecific = [
      /^zod/, /^react-hook-form/, /^@hookform\//, // forms
      /^@tanstack\//, /^nuqs/, // query cache, tables and URL state: in the layouts of the pages that use them
      /^@radix-ui\//, // dialogs and menus with their popper and focus scope
      /^next-auth\/react/, // only when signing in or out: import() it there
      /^tailwind-merge/, // via cn(): spell class names out in the shell
    ];
    expect(offending(entries, (s) => pageSpecific.some((re) => re.test(s)))).toEqual([]);
  });

  it("the browser formats precompiled messages, without an ICU parser", () => {
    const alias = (nextConfig.turbopack?.resolveAlias ?? {}) as Record<string, unknown>;
    expect(alias["use-intl/format-message"]).toBe("use-intl/format-message/format-only");
  });
});
