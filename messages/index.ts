// The UI texts. The base catalogue plus one file per feature namespace (so features can be worked on
// side by side). Romanian must mirror English key for key (lib/i18n-messages.test.ts).
import enBase from "./en.json";
import enAuth from "./en/auth.json";
import enProfiles from "./en/profiles.json";
import enSetupOrder from "./en/setup-order.json";
import enVat from "./en/vat.json";
import roBase from "./ro.json";
import roAuth from "./ro/auth.json";
import roProfiles from "./ro/profiles.json";
import roSetupOrder from "./ro/setup-order.json";
import roVat from "./ro/vat.json";

// auth.json adds to the base catalogue's `auth` namespace, one level deep.
function withAuth<B extends { auth: { signIn: object; invite: object } }, A extends { signIn: object; invite: object; password: object }>(
  base: B,
  auth: A,
) {
  return {
    ...base.auth,
    ...auth,
    signIn: { ...base.auth.signIn, ...auth.signIn },
    invite: { ...base.auth.invite, ...auth.invite },
  } as B["auth"] & A & { signIn: B["auth"]["signIn"] & A["signIn"]; invite: B["auth"]["invite"] & A["invite"] };
}

export const en = { ...enBase, auth: withAuth(enBase, enAuth), profiles: enProfiles, setupOrder: enSetupOrder, vat: enVat };
export const ro: typeof en = { ...roBase, auth: withAuth(roBase, roAuth), profiles: roProfiles, setupOrder: roSetupOrder, vat: roVat };
export type Messages = typeof en;
