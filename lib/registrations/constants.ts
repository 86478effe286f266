// Values shared by forms (client bundles) and the server. db/schema/registrations.ts holds the same
// ones for SQL; constants.test.ts keeps them equal without pulling drizzle into client code.

/** The largest amount Bursar accepts anywhere: 1 000 000 lei. Anything above is a typo. */
export const MAX_BANI = 100_000_000;

export const PAYMENT_STATUSES = ["not_paid", "down_payment_paid", "partially_paid", "paid", "overpaid"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_METHODS = ["cash", "card", "bank_transfer", "other"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_SOURCES = ["manual", "import", "bank"] as const;
export type PaymentSource = (typeof PAYMENT_SOURCES)[number];

export const BUYER_TYPES = ["person", "company"] as const;
export type BuyerType = (typeof BUYER_TYPES)[number];

export const REGISTRATION_STATUSES = ["active", "cancelled"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
