import { QueryProvider } from "@/components/query-provider";

// The progress view polls its batch with TanStack Query (a client-owned read, STYLE.md rule 9).
export default function BatchesLayout({ children }: { children: React.ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
