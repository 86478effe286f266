import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";

// Back is a plain link (the previous step's saved state reloads from the database).
export function BackLink({ href, label }: { href: string | null; label: string }) {
  if (!href) return <span />;
  return (
    <Link href={href} className={buttonVariants({ variant: "secondary" })}>
      {label}
    </Link>
  );
}
