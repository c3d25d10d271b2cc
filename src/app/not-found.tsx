import Link from "next/link";
import { EmptyState } from "@/components/ui/states";

export default function NotFound() {
  return (
    <EmptyState
      title="Page not found"
      actions={
        <Link href="/" className="text-[13px] font-medium text-blue-600 hover:underline">
          Go to datasets
        </Link>
      }
    >
      There is nothing at this address. It may have been deleted, or the link is mistyped.
    </EmptyState>
  );
}
