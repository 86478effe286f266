// The demo SmartBill account every fresh Bursar install can connect to. Shown in docs and the setup UI.
import type { Sql } from "./db";
import { ensureSandboxSchema } from "./schema";
import { hashToken } from "./util";

export const DEMO_SMARTBILL = {
  email: "demo@sandbox.smartbill.test",
  token: "sandbox-demo-token-2026",
  company: {
    cif: "RO12345674",
    name: "Școala Demo SRL",
    vatPayer: true,
    quota: 1000,
    taxes: [
      { name: "Normala", percentage: 21 },
      { name: "Redusa", percentage: 11 },
      { name: "Taxare inversa", percentage: 0 },
      { name: "Scutit", percentage: 0 },
    ],
    series: [
      { name: "BRS", type: "f", nextNumber: 1, padWidth: 4 },
      { name: "BRSC", type: "f", nextNumber: 120, padWidth: 4 },
      { name: "PRF", type: "p", nextNumber: 1, padWidth: 4 },
      { name: "CH", type: "c", nextNumber: 1, padWidth: 4 },
    ],
  },
  club: {
    cif: "41144780",
    name: "Clubul Demo",
    vatPayer: false,
    series: [{ name: "CLB", type: "f", nextNumber: 1, padWidth: 4 }],
  },
} as const;

export const DEMO_SMARTBILL_NO_API = {
  email: "noapi@sandbox.smartbill.test",
  token: "sandbox-noapi-token",
  company: { cif: "RO87654321", name: "Firma Fara API SRL" },
} as const;

interface DemoSeries {
  name: string;
  type: string;
  nextNumber: number;
  padWidth: number;
}

/** Creates whatever of the demo is missing; never resets numbers, invoices or changed settings. */
export async function seedSandboxDemo(sql: Sql): Promise<void> {
  await ensureSandboxSchema(sql);
  await sql.begin(async (tx) => {
    const account = async (email: string, token: string, apiAccess: boolean) => {
      await tx`
        insert into smartbill_sandbox.accounts (email, token_hash, api_access)
        values (${email}, ${hashToken(token)}, ${apiAccess}) on conflict do nothing`;
      const [row] = await tx<{ id: number }[]>`select id from smartbill_sandbox.accounts where email = ${email}`;
      return row!.id;
    };
    const company = async (accountId: number, cif: string, name: string, vatPayer: boolean, quota: number | null) => {
      await tx`
        insert into smartbill_sandbox.companies (account_id, cif, name, vat_payer, quota_remaining, quota_total)
        values (${accountId}, ${cif}, ${name}, ${vatPayer}, ${quota}, ${quota}) on conflict do nothing`;
      const [row] = await tx<{ id: number }[]>`select id from smartbill_sandbox.companies where cif = ${cif}`;
      return row!.id;
    };
    const series = async (companyId: number, list: readonly DemoSeries[]) => {
      for (const s of list) {
        await tx`
          insert into smartbill_sandbox.series (company_id, type, name, next_number, pad_width)
          values (${companyId}, ${s.type}, ${s.name}, ${s.nextNumber}, ${s.padWidth}) on conflict do nothing`;
      }
    };

    const demo = DEMO_SMARTBILL;
    const demoId = await account(demo.email, demo.token, true);
    const schoolId = await company(demoId, demo.company.cif, demo.company.name, true, demo.company.quota);
    await series(schoolId, demo.company.series);
    const [hasTaxes] = await tx`select 1 from smartbill_sandbox.taxes where company_id = ${schoolId} limit 1`;
    if (!hasTaxes) {
      for (const [position, t] of demo.company.taxes.entries()) {
        await tx`
          insert into smartbill_sandbox.taxes (company_id, position, name, percentage)
          values (${schoolId}, ${position}, ${t.name}, ${t.percentage}) on conflict do nothing`;
      }
    }
    const clubId = await company(demoId, demo.club.cif, demo.club.name, false, null);
    await series(clubId, demo.club.series);

    const noApi = DEMO_SMARTBILL_NO_API;
    const noApiId = await account(noApi.email, noApi.token, false);
    const noApiCompany = await company(noApiId, noApi.company.cif, noApi.company.name, true, null);
    await series(noApiCompany, [{ name: "NAP", type: "f", nextNumber: 1, padWidth: 4 }]);
  });
}
