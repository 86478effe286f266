// Pure helpers (no secrets): safe to import from scripts and tests.
import bcrypt from "bcryptjs";

const COST = 10;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
