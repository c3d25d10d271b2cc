import { db } from "@/server/db";
import type { DatasetDto } from "../schemas";
import { createDataset, toDatasetDto } from "./dataset-service";
import { addItems } from "./item-service";

export const DEMO_DATASET_NAME = "demo: world capitals";

const CAPITALS: [string, string][] = [
  ["France", "Paris"],
  ["Japan", "Tokyo"],
  ["Kenya", "Nairobi"],
  ["Brazil", "Brasília"],
  ["Canada", "Ottawa"],
  ["Australia", "Canberra"],
  ["Egypt", "Cairo"],
  ["India", "New Delhi"],
  ["Mexico", "Mexico City"],
  ["Norway", "Oslo"],
  ["Peru", "Lima"],
  ["Vietnam", "Hanoi"],
  ["Morocco", "Rabat"],
  ["Poland", "Warsaw"],
  ["Chile", "Santiago"],
  ["Turkey", "Ankara"],
  ["Nigeria", "Abuja"],
  ["Portugal", "Lisbon"],
  ["Thailand", "Bangkok"],
  ["New Zealand", "Wellington"],
  ["Argentina", "Buenos Aires"],
  ["Ireland", "Dublin"],
  ["South Korea", "Seoul"],
  ["Ghana", "Accra"],
  ["Finland", "Helsinki"],
];

/** A small dataset a new user can run at once (see README: `npm run db:seed`). */
export async function createDemoDataset(): Promise<DatasetDto> {
  const existing = await db.dataset.findUnique({ where: { name: DEMO_DATASET_NAME } });
  if (existing) return toDatasetDto(existing);
  const dataset = await createDataset({
    name: DEMO_DATASET_NAME,
    description:
      "Questions about capital cities with expected answers. Run it against the built-in Demo model (in the Run dialog: Configure here, kind Demo model) to see scores and failures.",
  });
  await addItems(
    dataset.id,
    CAPITALS.map(([country, capital], index) => ({
      input: { question: `What is the capital of ${country}?` },
      expectedOutput: capital,
      metadata: { country, difficulty: index % 3 === 0 ? "hard" : "easy" },
    })),
  );
  return toDatasetDto(await db.dataset.findUniqueOrThrow({ where: { id: dataset.id } }));
}
