// Request bodies as SmartBill's OpenAPI spec (Aug 2026) declares them. Any property not listed here
// is rejected as unknown, exactly like the real API.
import { anything, arr, bool, date, int, numb, obj, str, type Infer } from "./shape";

export const clientSpec = obj({
  name: str,
  vatCode: str,
  isTaxPayer: bool,
  regCom: str,
  address: str,
  city: str,
  county: str,
  country: str,
  email: str,
  phone: str,
  contact: str,
  iban: str,
  bank: str,
  code: str,
  saveToDb: bool,
});

export const productSpec = obj({
  name: str,
  code: str,
  productDescription: str,
  isService: bool,
  quantity: numb,
  measuringUnitName: str,
  price: numb,
  currency: str,
  exchangeRate: numb,
  isTaxIncluded: bool,
  taxName: str,
  taxPercentage: numb,
  warehouseName: str,
  isDiscount: bool,
  numberOfItems: int,
  discountType: int,
  discountValue: numb,
  discountPercentage: numb,
  translatedName: str,
  translatedMeasuringUnit: str,
  saveToDb: bool,
  useSBProductName: bool,
});

export const invoicePaymentSpec = obj({ value: numb, paymentSeries: str, type: str, isCash: bool });

export const invoiceRequestSpec = obj({
  companyVatCode: str,
  seriesName: str,
  issueDate: str,
  dueDate: str,
  deliveryDate: str,
  paymentDate: str,
  isDraft: bool,
  client: clientSpec,
  products: arr(productSpec),
  currency: str,
  exchangeRate: numb,
  language: str,
  precision: int,
  useStock: bool,
  payment: invoicePaymentSpec,
  paymentUrl: str,
  sendEmail: bool,
  email: obj({ to: str, cc: str, bcc: str }),
  observations: str,
  mentions: str,
  issuerName: str,
  issuerCnp: str,
  delegateName: str,
  delegateIdentityCard: str,
  delegateAuto: str,
  aviz: str,
  useIntraCif: bool,
  usePaymentTax: bool,
  paymentBase: numb,
  colectedTax: numb,
  paymentTotal: numb,
  useEstimateDetails: bool,
  estimate: obj({ seriesName: str, number: str, useStock: bool }),
  // Not in the spec, but the official plugins send it and SmartBill accepts it.
  ecommercePluginInfo: obj({ platformName: str, platformVersion: str, sbPluginVersion: str, details: anything }),
});

export const reverseRequestSpec = obj({ companyVatCode: str, seriesName: str, number: str, issueDate: date });

const invoiceRef = obj({ seriesName: str, number: str });

export const paymentRequestSpec = obj({
  companyVatCode: str,
  type: str,
  issueDate: str,
  isDraft: bool,
  seriesName: str,
  number: str,
  returnFiscalPrinterText: bool,
  observation: str,
  useStock: bool,
  client: clientSpec,
  products: arr(productSpec),
  value: numb,
  currency: str,
  exchangeRate: numb,
  precision: int,
  isCash: bool,
  receivedCash: numb,
  receivedCard: numb,
  receivedTicheteMasa: numb,
  receivedTicheteCadou: numb,
  receivedOrdinDePlata: numb,
  receivedCec: numb,
  receivedCredit: numb,
  receivedCupon: numb,
  receivedPuncteDeFidelitate: numb,
  receivedBonuriValoareFixa: numb,
  receivedMonedaAlternativa: numb,
  text: str,
  translatedText: str,
  language: str,
  useInvoiceDetails: bool,
  invoicesList: arr(invoiceRef, { single: true }),
});

export const sendDocumentSpec = obj({
  companyVatCode: str,
  seriesName: str,
  number: str,
  type: str,
  to: str,
  cc: str,
  bcc: str,
  subject: str,
  bodyText: str,
});

export type ClientInput = Infer<typeof clientSpec>;
export type ProductInput = Infer<typeof productSpec>;
export type InvoiceRequest = Infer<typeof invoiceRequestSpec>;
export type ReverseRequest = Infer<typeof reverseRequestSpec>;
export type PaymentRequest = Infer<typeof paymentRequestSpec>;
export type SendDocumentRequest = Infer<typeof sendDocumentSpec>;

export const CURRENCIES = new Set(
  "RON EUR USD GBP CAD AUD CHF TRY CZK DKK HUF MDL SEK NOK JPY EGP PLN RUB AED BRL CNY HRK INR KRW MXN NZD RSD THB UAH XDR ZAR".split(
    " ",
  ),
);

export const PAYMENT_TYPES = [
  "Chitanta",
  "Bon",
  "Card",
  "Card online",
  "CEC",
  "Bilet ordin",
  "Ordin plata",
  "Mandat postal",
  "Extras de cont",
  "Ramburs",
  "Alta incasare",
] as const;

/** Case-insensitive, but an extra space makes the type unknown. */
export function canonicalPaymentType(type: string): string | undefined {
  return PAYMENT_TYPES.find((t) => t.toLowerCase() === type.toLowerCase());
}
