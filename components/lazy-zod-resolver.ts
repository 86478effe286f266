import type { FieldValues, Resolver } from "react-hook-form";
import type * as z from "zod/v4/core";

// A form's zod resolver whose schema (and zod with it, ~45 kB gzipped) is downloaded when the form is
// first validated instead of with the page. Call it at module level with a dynamic import, so the
// schema stays the one the action validates with:
//   const resolver = lazyZodResolver(() => import("@/lib/auth/schemas").then((m) => m.signInSchema));
export function lazyZodResolver<T extends z.$ZodType<FieldValues, FieldValues>, Context = unknown>(
  load: () => Promise<T>,
): Resolver<z.input<T>, Context, z.output<T>> {
  let loading: Promise<Resolver<z.input<T>, Context, z.output<T>>> | undefined;
  return async (values, context, options) => {
    loading ??= Promise.all([import("@hookform/resolvers/zod"), load()]).then(
      ([{ zodResolver }, schema]) => zodResolver(schema) as unknown as Resolver<z.input<T>, Context, z.output<T>>,
    );
    // A failed download must not stick: the next validation tries again.
    loading.catch(() => (loading = undefined));
    return (await loading)(values, context, options);
  };
}
