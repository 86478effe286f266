import { NuqsAdapter } from "nuqs/adapters/next/app";

// The clients table keeps its page and search in the URL (nuqs): like the registrations layout, the
// adapter lives here rather than in the root providers.
export default function ClientsLayout({ children }: { children: React.ReactNode }) {
  return <NuqsAdapter>{children}</NuqsAdapter>;
}
