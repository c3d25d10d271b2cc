import { refuseUnauthenticated } from "@/features/auth/server/authenticate";
import { datasetItemPages } from "@/features/datasets/export/item-pages";
import { exportResponse } from "@/lib/export-stream";
import { badFormat, errorResponse, exportFormat, safeFileName } from "../../../_shared";

export const dynamic = "force-dynamic";

/** GET `?format=csv|json|jsonl&version=N`: the dataset's items at a version (the current one by default). */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const refused = await refuseUnauthenticated(req);
  if (refused) return refused;
  const url = new URL(req.url);
  const format = exportFormat(url);
  if (!format) return badFormat();
  const versionParam = url.searchParams.get("version");
  try {
    const { name, version, pages } = await datasetItemPages((await params).id, versionParam === null ? undefined : Number(versionParam));
    return exportResponse({
      format,
      fileName: `${safeFileName(name)}-v${version}`,
      pages,
      header: ["itemId", "input", "expectedOutput", "metadata"],
      csvRow: (item) => [item.itemId, item.input, item.expectedOutput, item.metadata],
      jsonRecord: (item) => ({ itemId: item.itemId, input: item.input, expectedOutput: item.expectedOutput, metadata: item.metadata }),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
