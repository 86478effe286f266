import { customType } from "drizzle-orm/pg-core";

/** Bytes as stored (a file as sent, a PDF as SmartBill gave it): postgres.js reads and writes a Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });
