"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { getQueryClient } from "@/lib/query-client";

// For the layouts of pages with client-owned reads (STYLE.md rule 9); not in the root providers, so
// pages without them do not download TanStack Query.
export function QueryProvider({ children }: { children: React.ReactNode }) {
  return <QueryClientProvider client={getQueryClient()}>{children}</QueryClientProvider>;
}
