import { DatasetDetail } from "@/features/datasets/components/dataset-detail";

export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DatasetDetail datasetId={id} />;
}
