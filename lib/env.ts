import "server-only";
import { z } from "zod";

// Validated once, on first use; scripts/with-db.ts fills in NEXTAUTH_SECRET and BURSAR_ENCRYPTION_KEY
// for the embedded default.
const schema = z.object({
  DATABASE_URL: z.string().min(1),
  NEXTAUTH_SECRET: z.string().min(16),
  NEXTAUTH_URL: z.url().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

let cached: z.infer<typeof schema> | undefined;

export function env() {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const names = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
      throw new Error(`Invalid environment: ${names}. See .env.example.`);
    }
    cached = parsed.data;
  }
  return cached;
}
