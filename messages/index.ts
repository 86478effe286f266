// The UI texts. The base catalogue plus one file per feature namespace (so features can be worked on
// side by side). Romanian must mirror English key for key (lib/i18n-messages.test.ts).
import enBase from "./en.json";
import enErrors from "./en/errors.json";
import enClients from "./en/clients.json";
import enCourses from "./en/courses.json";
import enDataTable from "./en/data-table.json";
import enProfiles from "./en/profiles.json";
import enRegistrationErrors from "./en/registration-errors.json";
import enRegistrations from "./en/registrations.json";
import enSetupOrder from "./en/setup-order.json";
import enSmartbill from "./en/smartbill.json";
import enVat from "./en/vat.json";
import roBase from "./ro.json";
import roErrors from "./ro/errors.json";
import roClients from "./ro/clients.json";
import roCourses from "./ro/courses.json";
import roDataTable from "./ro/data-table.json";
import roProfiles from "./ro/profiles.json";
import roRegistrationErrors from "./ro/registration-errors.json";
import roRegistrations from "./ro/registrations.json";
import roSetupOrder from "./ro/setup-order.json";
import roSmartbill from "./ro/smartbill.json";
import roVat from "./ro/vat.json";

export const en = {
  ...enBase,
  profiles: enProfiles,
  setupOrder: enSetupOrder,
  vat: enVat,
  errors: enErrors,
  smartbill: enSmartbill,
  registrationErrors: enRegistrationErrors,
  dataTable: enDataTable,
  registrations: enRegistrations,
  courses: enCourses,
  clients: enClients,
};
export const ro: typeof en = {
  ...roBase,
  profiles: roProfiles,
  setupOrder: roSetupOrder,
  vat: roVat,
  errors: roErrors,
  smartbill: roSmartbill,
  registrationErrors: roRegistrationErrors,
  dataTable: roDataTable,
  registrations: roRegistrations,
  courses: roCourses,
  clients: roClients,
};
export type Messages = typeof en;
