/**
 * Finds a kind by its key in a list of kinds (the scorers' and the targets'
 * registries). Configs reach it validated against the same list, so a key no
 * kind has is a bug, thrown as one.
 */
export function kindLookup<Kind, Key extends string>(kinds: readonly Kind[], keyOf: (kind: Kind) => Key, what: string): (key: Key) => Kind {
  const byKey = new Map(kinds.map((kind) => [keyOf(kind), kind]));
  return (key) => {
    const kind = byKey.get(key);
    if (!kind) throw new Error(`Unknown ${what} "${key}"`);
    return kind;
  };
}
