// The UI texts. The base catalogue plus one file per feature namespace (so features can be worked on
// side by side). Romanian must mirror English key for key (lib/i18n-messages.test.ts).
import enBase from "./en.json";
import enProfiles from "./en/profiles.json";
import enSetupOrder from "./en/setup-order.json";
import enVat from "./en/vat.json";
import roBase from "./ro.json";
import roProfiles from "./ro/profiles.json";
import roSetupOrder from "./ro/setup-order.json";
import roVat from "./ro/vat.json";

export const en = { ...enBase, profiles: enProfiles, setupOrder: enSetupOrder, vat: enVat };
export const ro: typeof en = { ...roBase, profiles: roProfiles, setupOrder: roSetupOrder, vat: roVat };
export type Messages = typeof en;
