import Link from "next/link";
import { EmptyState } from "@/components/ui/states";

// Outside the dashboard layout (an unknown address matches no route group), so it brings its own frame.
export default function NotFound() {
  return (
    <main className="mx-auto max-w-[1600px] px-6 pt-16 pb-16">
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
    </main>
  );
}
