import { expect, test } from "../fixtures/test";
import { fillCredentials, signUpNewSchool } from "../fixtures/school";

test("the SmartBill token is stored encrypted and never reaches the browser", async ({ page, sandbox, db }) => {
  const acc = await sandbox.newAccount();
  await signUpNewSchool(page);
  await fillCredentials(page, acc);
  await expect(page.getByText(`token ending in ${acc.token.slice(-4)}`)).toBeVisible();

  // In PostgreSQL: the connection row holds ciphertext only, and no table holds the token in plain text.
  const rows = await db`select * from smartbill_connections where username = ${acc.email}`;
  expect(rows).toHaveLength(1);
  expect(rows[0]!.token_ciphertext).toMatch(/^v1:/);
  expect(JSON.stringify(rows[0])).not.toContain(acc.token);
  const tables = await db<{ table_name: string }[]>`select table_name from information_schema.tables where table_schema = 'public'`;
  for (const { table_name } of tables) {
    const dump = await db<{ row: string }[]>`select t::text as row from ${db(table_name)} t`;
    expect(dump.map((r) => r.row).join("\n"), `table ${table_name}`).not.toContain(acc.token);
  }

  // In what the server sends: every page's HTML and its RSC payload.
  const pages = ["/setup/credentials", "/setup/generation", "/registrations", "/invoices", "/settings/team", "/settings/billing"];
  for (const path of pages) {
    const html = await page.request.get(path);
    expect(html.status(), path).toBeLessThan(500);
    expect(await html.text(), `${path} HTML`).not.toContain(acc.token);
    const rsc = await page.request.get(path, { headers: { RSC: "1" } });
    expect(await rsc.text(), `${path} RSC`).not.toContain(acc.token);
  }
  const credentials = await (await page.request.get("/setup/credentials")).text();
  expect(credentials).toContain(acc.token.slice(-4)); // we looked at the right page
});
