"use client";

import { createContext, useContext, useTransition, type TransitionStartFunction } from "react";
import { useQueryStates, type ParserMap } from "nuqs";

// One transition for a table's page: when the toolbar changes a filter, the table dims its rows
// while the server renders the next page.
const TableTransition = createContext<{ isPending: boolean; startTransition: TransitionStartFunction } | null>(null);

export function TableTransitionProvider({ children }: { children: React.ReactNode }) {
  const [isPending, startTransition] = useTransition();
  return <TableTransition.Provider value={{ isPending, startTransition }}>{children}</TableTransition.Provider>;
}

export function useTablePending(): boolean {
  return useContext(TableTransition)?.isPending ?? false;
}

/** URL state of a server-side table: every change re-renders the server page and adds a history entry. */
export function useTableQueryStates<P extends ParserMap>(parsers: P) {
  const ctx = useContext(TableTransition);
  return useQueryStates(parsers, { shallow: false, history: "push", scroll: false, startTransition: ctx?.startTransition });
}
