// The UI texts. The base catalogue plus one file per feature namespace (so features can be worked on
// side by side). Romanian must mirror English key for key (lib/i18n-messages.test.ts).
import enBase from "./en.json";
import enProfiles from "./en/profiles.json";
import enRegistrationErrors from "./en/registration-errors.json";
import enVat from "./en/vat.json";
import roBase from "./ro.json";
import roProfiles from "./ro/profiles.json";
import roRegistrationErrors from "./ro/registration-errors.json";
import roVat from "./ro/vat.json";

export const en = { ...enBase, profiles: enProfiles, vat: enVat, registrationErrors: enRegistrationErrors };
export const ro: typeof en = { ...roBase, profiles: roProfiles, vat: roVat, registrationErrors: roRegistrationErrors };
export type Messages = typeof en;
