// The UI texts. The base catalogue plus one file per feature namespace (so features can be worked on
// side by side). Romanian must mirror English key for key (lib/i18n-messages.test.ts).
import enBase from "./en.json";
import enClients from "./en/clients.json";
import enCourses from "./en/courses.json";
import enDataTable from "./en/data-table.json";
import enInvoicing from "./en/invoicing.json";
import enProfiles from "./en/profiles.json";
import enRegistrationErrors from "./en/registration-errors.json";
import enRegistrations from "./en/registrations.json";
import enSetupOrder from "./en/setup-order.json";
import enVat from "./en/vat.json";
import roBase from "./ro.json";
import roClients from "./ro/clients.json";
import roCourses from "./ro/courses.json";
import roDataTable from "./ro/data-table.json";
import roInvoicing from "./ro/invoicing.json";
import roProfiles from "./ro/profiles.json";
import roRegistrationErrors from "./ro/registration-errors.json";
import roRegistrations from "./ro/registrations.json";
import roSetupOrder from "./ro/setup-order.json";
import roVat from "./ro/vat.json";

export const en = {
  ...enBase,
  profiles: enProfiles,
  setupOrder: enSetupOrder,
  vat: enVat,
  registrationErrors: enRegistrationErrors,
  dataTable: enDataTable,
  registrations: enRegistrations,
  courses: enCourses,
  clients: enClients,
  invoicing: enInvoicing,
};
export const ro: typeof en = {
  ...roBase,
  profiles: roProfiles,
  setupOrder: roSetupOrder,
  vat: roVat,
  registrationErrors: roRegistrationErrors,
  dataTable: roDataTable,
  registrations: roRegistrations,
  courses: roCourses,
  clients: roClients,
  invoicing: roInvoicing,
};
export type Messages = typeof en;
