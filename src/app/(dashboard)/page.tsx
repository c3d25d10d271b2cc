import { DatasetsPage } from "@/features/datasets/components/datasets-page";

export default function Home() {
  return <DatasetsPage />;
}
