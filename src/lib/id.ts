import crypto from "node:crypto";

/**
 * Ids for rows written in bulk (results, scores, items), in the cuid shape the
 * schema's defaults use: "c" + time + counter + randomness, 25 lower-case
 * base-36 characters, sortable by creation time within a process. A library
 * cuid2 id costs a SHA-3 hash and big-number arithmetic (tens of µs); a run
 * writes three ids per item, which showed as a third of the engine's CPU time
 * in a profile. This costs well under a microsecond.
 */
const POOL_SIZE = 4096;
let pool = crypto.randomBytes(POOL_SIZE);
let offset = 0;
let counter = crypto.randomInt(0, 36 ** 4);
const fingerprint = crypto.randomBytes(4).readUInt32BE(0).toString(36).padStart(7, "0").slice(-4);

function randomBase36(chars: number): string {
  let out = "";
  for (let i = 0; i < chars; i++) {
    if (offset >= POOL_SIZE) {
      pool = crypto.randomBytes(POOL_SIZE);
      offset = 0;
    }
    out += (pool[offset++]! % 36).toString(36);
  }
  return out;
}

export function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  return `c${Date.now().toString(36).padStart(9, "0")}${counter.toString(36).padStart(4, "0")}${fingerprint}${randomBase36(7)}`;
}
