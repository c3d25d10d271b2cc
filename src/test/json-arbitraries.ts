import fc from "fast-check";
import { setOwn } from "@/lib/json-path";
import { STORED_JSON_KEY, type JsonValue } from "@/lib/json";

/*
 * Arbitrary JSON values for property tests of storage and transport: besides
 * fast-check's own JSON values, the keys and strings that break naive code —
 * prototype keys, the storage envelope's key, lone surrogates, NUL — and
 * floats that a JSON parser may read back one digit off.
 */

export const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "hasOwnProperty", "toString", STORED_JSON_KEY];
export const HOSTILE_STRINGS = ["\ud83d", "cut mid-emoji \ud83d", "\ude00 low first", "\u0000", "a\u0000b", "😀 whole", "\ud83d\ude00", ""];
/** Floats at the edges: the largest, the smallest subnormal, one a parser read back wrong, integers past 2^53. */
export const EXTREME_NUMBERS = [
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  2.3557373669636552e-294,
  1e21,
  123456789012345680000,
  0.1 + 0.2,
  2 ** 53 + 2,
];

const keyArb = fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ unit: "binary", maxLength: 6 }));
const stringArb = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: "binary", maxLength: 12 }));
// JSON has no -0: it is written as 0.
const numberArb = fc.oneof(
  fc.constantFrom(...EXTREME_NUMBERS),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
);

/** An object built with own properties, so `__proto__` is a key (as JSON.parse makes it), never a prototype. */
function objectOf(entries: [string, JsonValue][]): { [key: string]: JsonValue } {
  const object: Record<string, JsonValue> = {};
  for (const [key, value] of entries) setOwn(object, key, value);
  return object;
}

export const { value: jsonArb } = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    stringArb,
    numberArb,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.array(fc.tuple(keyArb, tie("value")), { maxLength: 5 }).map(objectOf),
    fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>,
  ),
}));

export const jsonObjectArb = fc.array(fc.tuple(keyArb, jsonArb), { maxLength: 5 }).map(objectOf);
