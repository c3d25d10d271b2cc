"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useRef } from "react";

/**
 * State kept in the page's query string (filters, sort, page of a list), so a
 * link shares it and a reload or Back keeps it. Each key has a default, left
 * out of the URL, and a parser: a value it does not accept (a hand-edited
 * link) reads as the default. Updates replace the history entry rather than
 * adding one per keystroke; several keys change in one update.
 */
export type UrlStateParsers<S> = { [K in keyof S]: (raw: string) => S[K] | undefined };

export function useUrlState<S extends Record<string, string | number>>(defaults: S, parsers: UrlStateParsers<S>): [S, (patch: Partial<S>) => void] {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const defaultsRef = useRef(defaults);
  const parsersRef = useRef(parsers);

  const state = useMemo(() => {
    const next = { ...defaultsRef.current };
    for (const key of Object.keys(next) as (keyof S & string)[]) {
      const raw = params.get(key);
      if (raw === null) continue;
      const parsed = parsersRef.current[key](raw);
      if (parsed !== undefined) next[key] = parsed;
    }
    return next;
  }, [params]);

  const update = useCallback(
    (patch: Partial<S>) => {
      // Read the URL as it is now: two updates in one event must not undo each other.
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(patch) as [keyof S & string, S[keyof S] | undefined][]) {
        if (value === undefined || value === defaultsRef.current[key]) next.delete(key);
        else next.set(key, String(value));
      }
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname],
  );

  return [state, update];
}

/** A page number: a whole number from 1. */
export function parsePage(raw: string): number | undefined {
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 ? page : undefined;
}

/** One of the given values. */
export function oneOf<T extends string | number>(values: readonly T[]): (raw: string) => T | undefined {
  return (raw) => values.find((value) => String(value) === raw);
}

/** Any text (a search box). */
export function anyText(raw: string): string {
  return raw;
}
