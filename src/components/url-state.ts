"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useRef, useState } from "react";

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
  // The router applies a replace a little later: queries asked for and not yet
  // in the URL, after the one it had when they were asked. Each update builds
  // on the newest (two quick changes must not undo each other) and the page
  // shows it at once. The URL reaching the last one ends the queue; a URL that
  // is none of them (Back, a link) wins.
  const asked = useRef<string[]>([]);
  const [, rerender] = useState(0);
  const actual = params.toString();
  // The router's query, not window.location: the router renders a new query before it writes the address bar.
  const actualRef = useRef(actual);
  actualRef.current = actual;
  const at = asked.current.indexOf(actual);
  if (at < 0 || at === asked.current.length - 1) asked.current = [];
  else if (at > 0) asked.current = asked.current.slice(at);
  const query = asked.current.at(-1) ?? actual;

  const state = useMemo(() => {
    const current = new URLSearchParams(query);
    const next = { ...defaultsRef.current };
    for (const key of Object.keys(next) as (keyof S & string)[]) {
      const raw = current.get(key);
      if (raw === null) continue;
      const parsed = parsersRef.current[key](raw);
      if (parsed !== undefined) next[key] = parsed;
    }
    return next;
  }, [query]);

  const update = useCallback(
    (patch: Partial<S>) => {
      const base = asked.current.at(-1) ?? actualRef.current;
      const next = new URLSearchParams(base);
      for (const [key, value] of Object.entries(patch) as [keyof S & string, S[keyof S] | undefined][]) {
        if (value === undefined || value === defaultsRef.current[key]) next.delete(key);
        else next.set(key, String(value));
      }
      const target = next.toString();
      if (target === base) return;
      if (asked.current.length === 0) asked.current.push(base);
      asked.current.push(target);
      rerender((n) => n + 1);
      router.replace(target ? `${pathname}?${target}` : pathname, { scroll: false });
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
