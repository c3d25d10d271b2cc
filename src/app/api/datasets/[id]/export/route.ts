import { datasetItemPages } from "@/features/datasets/server";
import { CSV_JSON_NULL, exportResponse } from "@/lib/export-stream";
import { errorResponse, exportRequest, safeFileName } from "../../../_shared";

export const dynamic = "force-dynamic";

/** GET `?format=csv|json|jsonl&version=N`: the dataset's items at a version (the current one by default). */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const request = await exportRequest(req, params);
  if (request instanceof Response) return request;
  const { id, url, format } = request;
  const versionParam = url.searchParams.get("version");
  try {
    const { name, version, pages } = await datasetItemPages(id, versionParam === null ? undefined : Number(versionParam));
    return exportResponse({
      format,
      fileName: `${safeFileName(name)}-v${version}`,
      pages,
      header: ["itemId", "input", "expectedOutput", "metadata"],
      // No expected output is written as null: import reads an empty cell as "".
      csvRow: (item) => [item.itemId, item.input, item.expectedOutput === null ? CSV_JSON_NULL : item.expectedOutput, item.metadata],
      jsonRecord: (item) => ({ itemId: item.itemId, input: item.input, expectedOutput: item.expectedOutput, metadata: item.metadata }),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
