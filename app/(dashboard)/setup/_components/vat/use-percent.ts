"use client";

import { useFormatter } from "use-intl";

/** "21.00" → "21%" (or "21 %" in Romanian); keeps decimals a level really has ("5.50" → "5.5%"). */
export function usePercent() {
  const format = useFormatter();
  return (p: string | number) => format.number(Number(p) / 100, { style: "percent", maximumFractionDigits: 2 });
}
