// Shared by the forms (client) and lib/auth/password.ts: no bcrypt here, so no bcrypt in the bundle.

// bcrypt reads only the first 72 bytes of a password and ignores the rest without a word.
export const MAX_PASSWORD_BYTES = 72;

export function passwordBytes(plain: string): number {
  return new TextEncoder().encode(plain).length;
}
