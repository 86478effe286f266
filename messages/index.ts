// The UI texts. The base catalogue plus one file per feature namespace (so features can be worked on
// side by side). Romanian must mirror English key for key (lib/i18n-messages.test.ts).
import enBase from "./en.json";
import enErrors from "./en/errors.json";
import enProfiles from "./en/profiles.json";
import enSetupOrder from "./en/setup-order.json";
import enSmartbill from "./en/smartbill.json";
import enVat from "./en/vat.json";
import roBase from "./ro.json";
import roErrors from "./ro/errors.json";
import roProfiles from "./ro/profiles.json";
import roSetupOrder from "./ro/setup-order.json";
import roSmartbill from "./ro/smartbill.json";
import roVat from "./ro/vat.json";

export const en = { ...enBase, profiles: enProfiles, setupOrder: enSetupOrder, vat: enVat, errors: enErrors, smartbill: enSmartbill };
export const ro: typeof en = { ...roBase, profiles: roProfiles, setupOrder: roSetupOrder, vat: roVat, errors: roErrors, smartbill: roSmartbill };
export type Messages = typeof en;
