// A new school (organisation) with one member per role, optionally connected to SmartBill.
//   const school = await createSchool(t.db, { roles: ["admin", "staff"] });
//   school.id, school.admin.userId, school.staff.email; actAs(school.staff) (test/session.ts)
//   await createSchool(t.db, { connected: sandbox });                            // the demo company
//   await createSchool(t.db, { connected: { sandbox, cif: CLUB_CIF } });         // another demo company
//   await createSchool(t.db, { connected: { cif: "RO1", vatPayer: false } });   // a row only, no sandbox
import crypto from "node:crypto";
import type { Database } from "../db/client";
import { memberships, organisations, smartbillConnections, users, type Role } from "../db/schema";
import { encryptSecret } from "../lib/crypto/secret-box";
import { DEMO, SCHOOL_CIF, type Sandbox } from "./sandbox";

export interface Member {
  userId: string;
  email: string;
  role: Role;
}

export type School<R extends Role> = {
  id: string;
  name: string;
  /** The SmartBill connection's id; null when the school is not connected. */
  connection: string | null;
} & { readonly [K in R]: Member };

export interface Connection {
  /** Where the connection points; without it, a connection row whose calls go nowhere. */
  sandbox?: Sandbox;
  /** Default: the demo school company. */
  cif?: string;
  /** Default: the demo account's token. */
  token?: string;
  vatPayer?: boolean;
}

let count = 0;

export async function createSchool<R extends Role = "admin">(
  db: Database,
  opts: { name?: string; roles?: readonly R[]; connected?: Sandbox | Connection } = {},
): Promise<School<R>> {
  const name = opts.name ?? `School ${++count}`;
  const roles = opts.roles ?? (["admin"] as unknown as readonly R[]);
  const [org] = await db.insert(organisations).values({ name }).returning();
  const members = {} as Record<R, Member>;
  for (const role of roles) {
    const email = `${role}-${crypto.randomBytes(6).toString("hex")}@school.test`;
    const [user] = await db.insert(users).values({ email, name: `${name} ${role}`, passwordHash: "x" }).returning();
    await db.insert(memberships).values({ orgId: org!.id, userId: user!.id, role });
    members[role] = { userId: user!.id, email, role };
  }
  const link: Connection | undefined = opts.connected && "server" in opts.connected ? { sandbox: opts.connected } : opts.connected;
  let connection: string | null = null;
  if (link) {
    // Connections store the token encrypted; tests need not configure a key.
    process.env.BURSAR_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString("base64");
    const token = link.token ?? DEMO.token;
    const [c] = await db
      .insert(smartbillConnections)
      .values({
        orgId: org!.id,
        username: DEMO.email,
        tokenCiphertext: encryptSecret(token, org!.id),
        tokenLast4: token.slice(-4),
        cif: link.cif ?? SCHOOL_CIF,
        baseUrl: link.sandbox?.baseUrl ?? null,
        isSandbox: !!link.sandbox,
        vatPayer: link.vatPayer ?? true,
      })
      .returning();
    connection = c!.id;
  }
  return { id: org!.id, name, connection, ...members } as School<R>;
}
