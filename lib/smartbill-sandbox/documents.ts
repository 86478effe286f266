// The links SmartBill hands out with a document: the public view link (the PDF, no login), the edit
// link (login required) and the generated payment link. The sandbox serves each, so they never dangle.
import { findAccountByTokenHash, findCompanyById, type Company } from "./accounts";
import type { Env } from "./api";
import { parseBasic } from "./auth";
import { findInvoiceById, findInvoiceByViewToken, paidAmount, type Invoice } from "./invoices";
import { formatAmount } from "./money";
import { renderInvoicePdf } from "./pdf";
import { escapeHtml, html, tomcatError } from "./responses";
import { hashToken } from "./util";

export async function handleDocumentLink(env: Env, req: Request, path: string): Promise<Response> {
  if (req.method !== "GET" && req.method !== "HEAD") return tomcatError(404, path);
  const view = /^\/documente\/extern\/pf\/factura\/([A-Za-z0-9]+)$/.exec(path);
  if (view) {
    const inv = await findInvoiceByViewToken(env.sql, view[1]!);
    if (!inv) return tomcatError(404, path);
    const pdf = await renderInvoicePdf(await companyOf(env, inv), inv, await originalOf(env, inv));
    return new Response(Buffer.from(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="factura${inv.seriesName}${inv.number}.pdf"`,
      },
    });
  }
  const edit = /^\/documente\/editare\/factura\/(\d{1,15})\/?$/.exec(path);
  if (edit) return editPage(env, req, Number(edit[1]), path);
  const pay = /^\/plata\/([A-Za-z0-9]+)$/.exec(path);
  if (pay) {
    const inv = await findInvoiceByViewToken(env.sql, pay[1]!);
    if (!inv) return tomcatError(404, path);
    const due = inv.total - (await paidAmount(env.sql, inv.id));
    const text = `<p>Sandbox payment page. Amount due: ${formatAmount(due)} ${escapeHtml(inv.currency)}.</p>`;
    return html(200, page(`Plata ${inv.seriesName}${inv.number}`, `${text}<p>No money moves here.</p>`));
  }
  return tomcatError(404, path);
}

async function editPage(env: Env, req: Request, id: number, path: string): Promise<Response> {
  const auth = parseBasic(req.headers.get("authorization"));
  const account = auth.kind === "ok" ? await findAccountByTokenHash(env.sql, hashToken(auth.token)) : undefined;
  const inv = await findInvoiceById(env.sql, id);
  const company = inv && (await companyOf(env, inv));
  if (!account || !company || company.accountId !== account.id) {
    if (account && inv) return tomcatError(404, path);
    return html(401, page("Autentificare", "<p>Autentificare necesara.</p>"), {
      "www-authenticate": 'Basic realm="SmartBill sandbox"',
    });
  }
  const cells = (l: Invoice["lines"][number]) =>
    [escapeHtml(l.name), l.quantity, formatAmount(l.net), `${l.vatPercent}%`, formatAmount(l.vat)].map((c) => `<td>${c}</td>`);
  const rows = inv.lines.map((l) => `<tr>${cells(l).join("")}</tr>`).join("");
  const state = [inv.isDraft ? "ciorna" : "emisa", inv.state === "cancelled" ? "anulata" : "activa", inv.reversed ? "stornata" : ""]
    .filter(Boolean)
    .join(", ");
  return html(
    200,
    page(
      `Factura ${inv.seriesName}${inv.number}`,
      `<p>${escapeHtml(company.name)} (${escapeHtml(company.cif)}) → ${escapeHtml(String(inv.client.name ?? ""))}</p>
<p>Data: ${inv.issueDate}. Stare: ${state}.</p>
<table border="1" cellpadding="4"><tr><th>Produs</th><th>Cant.</th><th>Valoare</th><th>TVA %</th><th>TVA</th></tr>${rows}</table>
<p>Total: ${formatAmount(inv.total)} ${escapeHtml(inv.currency)}</p>`,
    ),
  );
}

function page(title: string, body: string): string {
  const t = escapeHtml(title);
  return `<!DOCTYPE html><html lang="ro"><head><meta charset="utf-8"><title>${t}</title></head><body><h1>${t}</h1>${body}</body></html>`;
}

export async function companyOf(env: Pick<Env, "sql">, inv: Invoice): Promise<Company> {
  const company = await findCompanyById(env.sql, inv.companyId);
  if (!company) throw new Error(`invoice ${inv.id} has no company`);
  return company;
}

export async function originalOf(env: Pick<Env, "sql">, inv: Invoice): Promise<Invoice | undefined> {
  return inv.stornoOf === null ? undefined : findInvoiceById(env.sql, inv.stornoOf);
}
