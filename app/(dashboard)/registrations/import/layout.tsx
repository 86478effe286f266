import { QueryProvider } from "@/components/query-provider";

// The imports' progress is polled with TanStack Query (a client-owned read, STYLE.md rule 9).
export default function ImportLayout({ children }: { children: React.ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
