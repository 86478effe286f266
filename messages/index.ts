// The UI texts. The base catalogue plus one file per feature namespace (so features can be worked on
// side by side). Romanian must mirror English key for key (lib/i18n-messages.test.ts).
import enBase from "./en.json";
import enAuth from "./en/auth.json";
import enErrors from "./en/errors.json";
import enClients from "./en/clients.json";
import enCourses from "./en/courses.json";
import enDataTable from "./en/data-table.json";
import enInvoiceIssue from "./en/invoice-issue.json";
import enInvoicing from "./en/invoicing.json";
import enInvoiceBulk from "./en/invoice-bulk.json";
import enInvoiceInbox from "./en/invoice-inbox.json";
import enInvoiceList from "./en/invoice-list.json";
import enProfiles from "./en/profiles.json";
import enRegistrationErrors from "./en/registration-errors.json";
import enRegistrationImport from "./en/registration-import.json";
import enRegistrations from "./en/registrations.json";
import enSetupOrder from "./en/setup-order.json";
import enSmartbill from "./en/smartbill.json";
import enVat from "./en/vat.json";
import roBase from "./ro.json";
import roAuth from "./ro/auth.json";
import roErrors from "./ro/errors.json";
import roClients from "./ro/clients.json";
import roCourses from "./ro/courses.json";
import roDataTable from "./ro/data-table.json";
import roInvoiceIssue from "./ro/invoice-issue.json";
import roInvoicing from "./ro/invoicing.json";
import roInvoiceBulk from "./ro/invoice-bulk.json";
import roInvoiceInbox from "./ro/invoice-inbox.json";
import roInvoiceList from "./ro/invoice-list.json";
import roProfiles from "./ro/profiles.json";
import roRegistrationErrors from "./ro/registration-errors.json";
import roRegistrationImport from "./ro/registration-import.json";
import roRegistrations from "./ro/registrations.json";
import roSetupOrder from "./ro/setup-order.json";
import roSmartbill from "./ro/smartbill.json";
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

export const en = {
  ...enBase,
  auth: withAuth(enBase, enAuth),
  profiles: enProfiles,
  setupOrder: enSetupOrder,
  vat: enVat,
  errors: enErrors,
  smartbill: enSmartbill,
  registrationErrors: enRegistrationErrors,
  dataTable: enDataTable,
  registrations: enRegistrations,
  registrationImport: enRegistrationImport,
  courses: enCourses,
  clients: enClients,
  invoicing: enInvoicing,
  invoiceIssue: enInvoiceIssue,
  invoiceBulk: enInvoiceBulk,
  invoiceInbox: enInvoiceInbox,
  invoiceList: enInvoiceList,
};
export const ro: typeof en = {
  ...roBase,
  auth: withAuth(roBase, roAuth),
  profiles: roProfiles,
  setupOrder: roSetupOrder,
  vat: roVat,
  errors: roErrors,
  smartbill: roSmartbill,
  registrationErrors: roRegistrationErrors,
  dataTable: roDataTable,
  registrations: roRegistrations,
  registrationImport: roRegistrationImport,
  courses: roCourses,
  clients: roClients,
  invoicing: roInvoicing,
  invoiceIssue: roInvoiceIssue,
  invoiceBulk: roInvoiceBulk,
  invoiceInbox: roInvoiceInbox,
  invoiceList: roInvoiceList,
};
export type Messages = typeof en;
