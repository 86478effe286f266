// Sign-up and invitation floods, through the real actions on real PostgreSQL: each limit refuses past
// its number with a translated message, counts parallel requests exactly, and holds across two
// connection pools (two app instances).
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { invitations, memberships, signUpAttempts, users } from "@/db/schema";
import { en, ro } from "@/messages";
import { createTestDb, type TestDb } from "@/test/db";
import { scope } from "@/test/request-scope";
import { createSchool } from "@/test/school";
import { actAs } from "@/test/session";
import { MAX_INVITATIONS_PER_ADMIN_PER_HOUR, MAX_OPEN_INVITATIONS, signUpLimits } from "./flood-limits";

let t: TestDb;
let signUpAction: typeof import("@/app/(auth)/sign-up/actions").signUpAction;
let inviteMemberAction: typeof import("@/app/(dashboard)/settings/team/actions").inviteMemberAction;
let signUp: typeof import("./sign-up").signUp;

let n = 0;
const form = () => ({ orgName: "Școala Flood", name: "Maria Flood", email: `flood-${++n}@school.ro`, password: "a-good-password" });
function from(address: string | null) {
  if (address) scope.headers.set("x-forwarded-for", address);
  else scope.headers.delete("x-forwarded-for");
}

beforeAll(async () => {
  t = await createTestDb({ app: true });
  ({ signUpAction } = await import("@/app/(auth)/sign-up/actions"));
  ({ inviteMemberAction } = await import("@/app/(dashboard)/settings/team/actions"));
  ({ signUp } = await import("./sign-up"));
});
afterEach(async () => {
  from(null);
  delete process.env.BURSAR_SIGN_UPS_PER_HOUR;
  await t.db.delete(signUpAttempts);
});
afterAll(() => t.drop());

describe("sign-up floods", () => {
  it("has translated messages for both limits", () => {
    for (const m of [en, ro]) {
      expect(m.auth.signUp.tooManyFromClient).toBeTruthy();
      expect(m.auth.signUp.tooMany).toBeTruthy();
    }
  });

  it("refuses a client address past its hourly limit, of 30 parallel sign-ups, and only that address", async () => {
    const { perClient } = signUpLimits();
    from("203.0.113.10");
    const results = await Promise.all(Array.from({ length: 30 }, () => signUpAction(form())));
    expect(results.filter((r) => r.ok)).toHaveLength(perClient);
    for (const r of results.filter((x) => !x.ok)) {
      expect(r).toMatchObject({ ok: false, code: "rate_limited", error: "auth.signUp.tooManyFromClient" });
    }
    // Behind a proxy that appends, the rightmost entry is the one it saw.
    from(`10.0.0.1, 203.0.113.10`);
    expect(await signUpAction(form())).toMatchObject({ ok: false, error: "auth.signUp.tooManyFromClient" });
    from("203.0.113.11");
    expect(await signUpAction(form())).toMatchObject({ ok: true });
  });

  it("counts answers that create nothing too (an address already taken)", async () => {
    from("203.0.113.20");
    const taken = form();
    expect(await signUpAction(taken)).toMatchObject({ ok: true });
    const { perClient } = signUpLimits();
    for (let i = 1; i < perClient; i++) expect(await signUpAction(taken)).toMatchObject({ error: "auth.signUp.emailTaken" });
    expect(await signUpAction(taken)).toMatchObject({ error: "auth.signUp.tooManyFromClient" });
  });

  it("refuses everyone past the global limit, whatever the addresses, across two app instances", async () => {
    process.env.BURSAR_SIGN_UPS_PER_HOUR = "12";
    const a = createDb(t.url, { max: 3 });
    const b = createDb(t.url, { max: 3 });
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 40 }, (_, i) => signUp(i % 2 ? a.db : b.db, form(), { clientAddress: `198.51.100.${i}` })),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(12);
      for (const r of results.filter((x) => x.status === "rejected")) {
        expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "rate_limited", message: "auth.signUp.tooMany" });
      }
    } finally {
      await a.close();
      await b.close();
    }
    from("192.0.2.99");
    expect(await signUpAction(form())).toMatchObject({ ok: false, code: "rate_limited", error: "auth.signUp.tooMany" });
  });
});

describe("invitation floods", () => {
  it("limits one admin's invitations per hour: 60 parallel sends, 20 links", async () => {
    const school = await createSchool(t.db);
    actAs(school.admin);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => inviteMemberAction({ email: `guest-${i}@flood.ro`, role: "staff" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_INVITATIONS_PER_ADMIN_PER_HOUR);
    for (const r of results.filter((x) => !x.ok)) {
      expect(r).toMatchObject({ ok: false, code: "rate_limited", error: "team.invite.tooManySent" });
    }
    // Sending the same address again replaces its link but still counts as a send.
    expect(await inviteMemberAction({ email: "guest-0@flood.ro", role: "staff" })).toMatchObject({ error: "team.invite.tooManySent" });
    expect(en.team.invite.tooManySent && ro.team.invite.tooManySent).toBeTruthy();
  });

  it("caps a school's open invitations, whoever sends them", async () => {
    const school = await createSchool(t.db);
    const admins = [school.admin.userId];
    for (let i = 0; i < 2; i++) {
      const [u] = await t.db.insert(users).values({ email: `co-admin-${i}-${school.id}@flood.ro`, name: "Co Admin", passwordHash: "x" }).returning();
      await t.db.insert(memberships).values({ orgId: school.id, userId: u!.id, role: "admin" });
      admins.push(u!.id);
    }
    let sent = 0;
    let refused: unknown;
    for (const userId of admins) {
      actAs({ userId });
      for (let i = 0; i < MAX_INVITATIONS_PER_ADMIN_PER_HOUR; i++) {
        const r = await inviteMemberAction({ email: `open-${sent + i}-${userId}@flood.ro`, role: "accountant" });
        if (!r.ok) {
          refused = r;
          break;
        }
      }
      sent += MAX_INVITATIONS_PER_ADMIN_PER_HOUR;
    }
    expect(refused).toMatchObject({ ok: false, code: "conflict", error: "team.invite.tooManyOpen" });
    const open = await t.db.select().from(invitations).where(eq(invitations.orgId, school.id));
    expect(open.filter((i) => !i.revokedAt && !i.acceptedAt)).toHaveLength(MAX_OPEN_INVITATIONS);
    expect(en.team.invite.tooManyOpen && ro.team.invite.tooManyOpen).toBeTruthy();
  });
});
