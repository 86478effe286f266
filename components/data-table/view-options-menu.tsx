"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import type { Table } from "@tanstack/react-table";
import { Check, Columns3 } from "lucide-react";
import { useTranslations } from "use-intl";
import { buttonVariants } from "@/components/ui/button";

/** The "Columns" menu itself (Radix, with its popper): loaded by DataTableViewOptions on first use. */
export function DataTableViewOptionsMenu<TData>({ table, defaultOpen }: { table: Table<TData>; defaultOpen?: boolean }) {
  const t = useTranslations("dataTable");
  const columns = table.getAllLeafColumns().filter((c) => c.getCanHide() && !c.columnDef.meta?.fixed);
  return (
    <DropdownMenu.Root defaultOpen={defaultOpen}>
      <DropdownMenu.Trigger className={buttonVariants({ variant: "secondary", size: "sm" })}>
        <Columns3 className="size-4" aria-hidden />
        {t("columns")}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-48 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
          <DropdownMenu.Label className="px-3 py-2 text-xs text-slate-500">{t("toggleColumns")}</DropdownMenu.Label>
          {columns.map((column) => (
            <DropdownMenu.CheckboxItem
              key={column.id}
              checked={column.getIsVisible()}
              onCheckedChange={(v) => column.toggleVisibility(!!v)}
              onSelect={(e) => e.preventDefault()}
              className="relative flex cursor-pointer items-center gap-2 rounded py-2 pl-8 pr-3 text-sm outline-none data-[highlighted]:bg-slate-100"
            >
              <DropdownMenu.ItemIndicator className="absolute left-2.5">
                <Check className="size-4" aria-hidden />
              </DropdownMenu.ItemIndicator>
              {column.columnDef.meta?.label ?? column.id}
            </DropdownMenu.CheckboxItem>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
