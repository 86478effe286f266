export * from "./organisations";
export * from "./audit";
export * from "./smartbill";
export * from "./billing";
export * from "./registrations";
export * from "./invoices";
export * from "./documents";
export * from "./imports";
