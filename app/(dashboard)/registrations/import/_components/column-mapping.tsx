"use client";

import { useTranslations } from "use-intl";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { IMPORT_FIELDS, REQUIRED_FIELDS, type ColumnMapping, type ImportField } from "@/lib/registrations/import/fields";

/** One select per Bursar field, listing the file's columns; required fields say so in their label. */
export function ColumnMappingForm({
  headers,
  mapping,
  missing,
  disabled,
  onChange,
}: {
  headers: string[];
  mapping: ColumnMapping;
  missing: readonly ImportField[];
  disabled?: boolean;
  onChange: (mapping: ColumnMapping) => void;
}) {
  const t = useTranslations("registrationImport");
  const tv = useTranslations("validation");
  return (
    <div className="grid gap-x-4 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
      {IMPORT_FIELDS.map((field) => {
        const required = REQUIRED_FIELDS.includes(field);
        const label = required ? `${t(`fields.${field}`)} (${t("mapping.required")})` : t(`fields.${field}`);
        return (
          <Field key={field} label={label} error={missing.includes(field) ? tv("required") : undefined}>
            {(p) => (
              <Select
                {...p}
                required={required}
                disabled={disabled}
                value={mapping[field] ?? ""}
                onChange={(e) => {
                  const next = { ...mapping };
                  if (e.target.value) next[field] = e.target.value;
                  else delete next[field];
                  onChange(next);
                }}
              >
                <option value="">{t("mapping.notInFile")}</option>
                {headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        );
      })}
    </div>
  );
}
