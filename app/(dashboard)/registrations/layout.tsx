import { NuqsAdapter } from "nuqs/adapters/next/app";

// The registrations table keeps its state in the URL (nuqs). The adapter lives here, not in the root
// providers, so pages without URL state do not download it.
export default function RegistrationsLayout({ children }: { children: React.ReactNode }) {
  return <NuqsAdapter>{children}</NuqsAdapter>;
}
