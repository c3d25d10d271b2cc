/**
 * A byte limit as people write it in messages: "10 MiB", "256 KiB",
 * "1.5 GiB", "1000 bytes" — whole units when the limit is one, else one
 * decimal, so a configured limit reads back the way it was set.
 */
export function byteSize(bytes: number): string {
  const units: [string, number][] = [
    ["GiB", 1024 ** 3],
    ["MiB", 1024 ** 2],
    ["KiB", 1024],
  ];
  for (const [unit, size] of units) {
    if (bytes < size) continue;
    const value = bytes / size;
    return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
  }
  return `${bytes} bytes`;
}
