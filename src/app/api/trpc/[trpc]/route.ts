import { handleTrpcRequest } from "@/server/http/trpc-request";

export const dynamic = "force-dynamic";

// In production, `npm start` answers /api/trpc/* before Next.js routing
// (src/server/http/node-api.ts); this route serves them under `next dev`.
export { handleTrpcRequest as GET, handleTrpcRequest as POST };
