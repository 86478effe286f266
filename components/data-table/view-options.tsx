"use client";

import { useState } from "react";
import dynamic from "next/dynamic";
import type { Table } from "@tanstack/react-table";
import { Columns3 } from "lucide-react";
import { useTranslations } from "use-intl";
import { buttonVariants } from "@/components/ui/button";

// The menu (Radix DropdownMenu and its popper, ~30 kB gzip) loads when the button is first pointed at,
// focused or pressed, not with the table; until then the button is a plain one that looks the same.
const loadMenu = () => import("./view-options-menu").then((m) => m.DataTableViewOptionsMenu);
const Menu = dynamic(loadMenu, { loading: () => <Trigger /> });

function Trigger(props: React.ComponentProps<"button">) {
  const t = useTranslations("dataTable");
  return (
    <button type="button" aria-haspopup="menu" aria-expanded={false} className={buttonVariants({ variant: "secondary", size: "sm" })} {...props}>
      <Columns3 className="size-4" aria-hidden />
      {t("columns")}
    </button>
  );
}

export function DataTableViewOptions<TData>({ table }: { table: Table<TData> }) {
  const [opened, setOpened] = useState(false);
  if (opened) return <Menu table={table as Table<unknown>} defaultOpen />;
  const preload = () => void loadMenu();
  return <Trigger onPointerEnter={preload} onFocus={preload} onClick={() => setOpened(true)} />;
}
