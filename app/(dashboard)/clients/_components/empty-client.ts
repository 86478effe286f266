import type { ClientInput } from "@/lib/registrations/schemas";

// A new client's form values (a plain module: server pages pass it to the client form).
export const EMPTY_CLIENT: ClientInput = {
  buyerType: "person",
  name: "",
  email: "",
  phone: "",
  address: "",
  city: "",
  county: "",
  country: "Romania",
  companyName: "",
  cif: "",
  regCom: "",
  vatPayer: false,
};
