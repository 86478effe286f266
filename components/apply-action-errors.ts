import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { FieldErrors } from "@/lib/errors";

// Puts a server action's field errors on the matching react-hook-form fields; returns whether any matched.
export function applyFieldErrors<T extends FieldValues>(setError: UseFormSetError<T>, fieldErrors: FieldErrors | undefined, fields: readonly string[]): boolean {
  let matched = false;
  for (const [name, messages] of Object.entries(fieldErrors ?? {})) {
    if (!fields.includes(name) || !messages[0]) continue;
    setError(name as Path<T>, { type: "server", message: messages[0] });
    matched = true;
  }
  return matched;
}
