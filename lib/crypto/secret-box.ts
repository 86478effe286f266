import "server-only";
import crypto from "node:crypto";
import { env } from "@/lib/env";

// AES-256-GCM for secrets at rest (the SmartBill API token). Format: "v1:" + base64(iv | tag | ciphertext).
// The associated data binds a ciphertext to its owner (the organisation id): a row copied to another
// organisation does not decrypt.

const VERSION = "v1";

function key(): Buffer {
  const raw = env().BURSAR_ENCRYPTION_KEY;
  if (!raw) throw new Error("BURSAR_ENCRYPTION_KEY is not set (npm start generates one in ./.data/ when unset).");
  const k = Buffer.from(raw, "base64");
  if (k.length !== 32) throw new Error("BURSAR_ENCRYPTION_KEY must be 32 bytes, base64-encoded.");
  return k;
}

export function encryptSecret(plain: string, associatedData: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function decryptSecret(sealed: string, associatedData: string): string {
  const [version, payload] = sealed.split(":");
  if (version !== VERSION || !payload) throw new Error("Unknown secret format.");
  const buf = Buffer.from(payload, "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), buf.subarray(0, 12));
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString("utf8");
}
