import { DatasetsPage } from "@/features/datasets/components";

export default function Home() {
  return <DatasetsPage />;
}
