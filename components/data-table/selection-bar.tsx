"use client";

import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import type { TableSelection } from "./types";

// "12 selected · Select all 287 matching this filter": bulk actions act on ids or on the whole filter.
export function SelectionBar(props: {
  selection: TableSelection;
  total: number;
  totalIsLowerBound?: boolean;
  canSelectAll: boolean;
  onSelectAll?: () => void;
  onClear?: () => void;
  children?: React.ReactNode;
}) {
  const t = useTranslations("dataTable");
  const { selection } = props;
  return (
    <div role="region" aria-label={t("selection")} className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-2 text-sm text-indigo-900">
      <p aria-live="polite" className="font-medium" data-testid="selection-count">
        {selection.mode === "ids"
          ? t("selected", { count: selection.ids.length })
          : selection.totalIsLowerBound
            ? t("allSelectedMore", { count: selection.total })
            : t("allSelected", { count: selection.total })}
      </p>
      {selection.mode === "ids" && props.canSelectAll && props.onSelectAll && (
        <Button type="button" variant="link" size="sm" className="h-auto px-0" onClick={props.onSelectAll}>
          {props.totalIsLowerBound ? t("selectAllMatchingMore", { count: props.total }) : t("selectAllMatching", { count: props.total })}
        </Button>
      )}
      {props.onClear && (
        <Button type="button" variant="link" size="sm" className="h-auto px-0" onClick={props.onClear}>
          {t("clearSelection")}
        </Button>
      )}
      <div className="ml-auto flex flex-wrap gap-2">{props.children}</div>
    </div>
  );
}
