import { can } from "@/lib/auth/permissions";
import { getCurrentMember } from "@/lib/auth/session";
import { importTemplateCsv } from "@/lib/registrations/import/csv";

export const dynamic = "force-dynamic";

function refuse(status: 401 | 403): Response {
  return new Response(status === 401 ? "Sign in first." : "Only admins and staff import registrations.", {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

// The CSV template, for the members who may import. A BOM first: without it Excel opens a UTF-8 file
// as the ANSI code page and "București" comes out garbled.
export async function GET() {
  const member = await getCurrentMember();
  if (!member) return refuse(401);
  if (!can(member.role, "manageRegistrations")) return refuse(403);
  return new Response(`\uFEFF${importTemplateCsv()}`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="bursar-import-template.csv"',
      "cache-control": "no-store",
    },
  });
}
