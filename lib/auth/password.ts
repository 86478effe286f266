// Pure helpers (no secrets): safe to import from scripts and tests.
import bcrypt from "bcryptjs";
import { MAX_PASSWORD_BYTES, passwordBytes } from "./password-limits";

const COST = 10;

// bcrypt reads only the first 72 bytes of a password. We refuse longer new passwords with a validation
// message (lib/auth/schemas.ts) rather than pre-hashing, so every stored hash stays a plain bcrypt hash
// (the demo users' and those made before this rule), and a longer password never matches here instead
// of matching on its first 72 bytes.
export function hashPassword(plain: string): Promise<string> {
  if (passwordBytes(plain) > MAX_PASSWORD_BYTES) throw new Error("Password longer than bcrypt's 72 bytes");
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  if (passwordBytes(plain) > MAX_PASSWORD_BYTES) return bcrypt.compare("", hash).then(() => false);
  return bcrypt.compare(plain, hash);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
