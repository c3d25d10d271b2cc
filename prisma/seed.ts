import { createDemoDataset } from "@/features/datasets/server/demo-dataset";
import { db } from "@/server/db";

const dataset = await createDemoDataset();
console.log(`Demo dataset ready: "${dataset.name}" (${dataset.itemCount} items, id ${dataset.id}).`);
await db.$disconnect();
