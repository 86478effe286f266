import { db } from "@/db";
import { getActiveConnection } from "@/db/queries/smartbill-connections";
import { draftProfile, listProfiles, type BillingProfile } from "@/lib/billing/profiles";
import { ProfilesPanel } from "../_components/profiles/profiles-panel";
import type { ProfileFormValues, ProfileView } from "../_components/profiles/types";
import type { StepProps } from "./types";

function formValuesOf(p: BillingProfile): ProfileFormValues {
  return {
    companyName: p.companyName,
    cif: p.cif,
    regCom: p.regCom ?? "",
    address: p.address ?? "",
    city: p.city ?? "",
    county: p.county ?? "",
    country: p.country,
    email: p.email ?? "",
    phone: p.phone ?? "",
    iban: p.iban ?? "",
    bank: p.bank ?? "",
    vatPayer: p.vatPayer,
    currency: p.currency as ProfileFormValues["currency"],
    invoiceLanguage: p.invoiceLanguage as ProfileFormValues["invoiceLanguage"],
    dueDays: p.dueDays,
  };
}

export async function ProfilesStep({ orgId, backHref }: StepProps) {
  const [rows, draft, connection] = await Promise.all([listProfiles(db, orgId), draftProfile(db, orgId), getActiveConnection(db, orgId)]);
  const profiles: ProfileView[] = rows.map((p) => ({ id: p.id, isDefault: p.isDefault, seriesName: p.seriesName, values: formValuesOf(p) }));
  return (
    <ProfilesPanel
      profiles={profiles}
      draft={draft}
      smartbillVatPayer={connection ? connection.vatPayer : null}
      backHref={backHref}
    />
  );
}
