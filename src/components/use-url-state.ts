"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { z } from "zod";

/**
 * A list's view (filters, sort, page, search) kept in React state and mirrored
 * into the query string, so a link shares it and a reload or Back restores it.
 *
 * React state is the truth: the table renders from it at once and is never
 * remounted by a navigation (router.replace re-rendered the route and lost a
 * filter or an open drawer now and then). The URL follows through the History
 * API, which Next.js keeps in step with useSearchParams: pushState for a
 * discrete change (a filter, a page: Back returns to the view before it),
 * replaceState for typing (debounced: one entry, not one per key). The state
 * is read from the URL on mount, and again on Back/Forward (popstate) or a link
 * to the same page with another query.
 */

/** One query key: reads the raw value (undefined when absent) and falls back to its default on anything else. */
export type UrlField<T> = z.ZodType<T, string | undefined>;
type Fields = Record<string, UrlField<unknown>>;
export type UrlStateOf<F extends Fields> = { [K in keyof F]: z.output<F[K]> };

/** Field builders: each value that is missing, malformed or out of range reads as the default. */
export const urlField = {
  /** One of `values`. */
  oneOf<const T extends string>(values: readonly T[], fallback: NoInfer<T>): UrlField<T> {
    return z.enum(values as readonly [T, ...T[]]).catch(fallback) as UrlField<T>;
  },
  /** A whole number from `min`, `fallback` by default. */
  wholeNumber(min: number, fallback: number): UrlField<number> {
    return z.coerce.number().int().min(min).max(Number.MAX_SAFE_INTEGER).catch(fallback) as UrlField<number>;
  },
  /** A page number: a whole number from 1. */
  page(): UrlField<number> {
    return urlField.wholeNumber(1, 1);
  },
  /** One of a few numbers (rows per page). */
  number<const T extends number>(values: readonly T[], fallback: NoInfer<T>): UrlField<T> {
    return z.coerce
      .number()
      .refine((n): n is T => (values as readonly number[]).includes(n))
      .catch(fallback) as UrlField<T>;
  },
  /** A record's id (letters, digits, "-" and "_"); "" (none) by default. */
  id(): UrlField<string> {
    return z
      .string()
      .regex(/^[\w-]{1,64}$/)
      .catch("") as UrlField<string>;
  },
  /** Ids, comma-separated (?candidate=a,b): each one once, at most `max`; malformed ones dropped. */
  idList(max: number): UrlField<string[]> {
    return z
      .string()
      .transform((raw) => [...new Set(raw.split(",").map((id) => id.trim()))].filter((id) => /^[\w-]{1,64}$/.test(id)).slice(0, max))
      .catch([]) as UrlField<string[]>;
  },
  /** Free text (a search box), up to `max` characters; "" by default. */
  text(max = 200): UrlField<string> {
    return z.string().max(max).catch("") as UrlField<string>;
  },
};

type QueryParams = { getAll(key: string): string[] };

export interface UrlStateSpec<S> {
  keys: readonly (keyof S & string)[];
  defaults: S;
  /** The state a query string holds (defaults for what is missing or invalid). */
  read(params: QueryParams): S;
  /** `params` with this state's keys set, those at their default removed (clean links); other keys kept. */
  write(state: S, params: URLSearchParams): URLSearchParams;
  /** A canonical string of the state, to compare two states. */
  key(state: S): string;
}

/** The keys a list keeps in the URL; define it once, outside the component. */
export function defineUrlState<F extends Fields>(fields: F): UrlStateSpec<UrlStateOf<F>> {
  type S = UrlStateOf<F>;
  const keys = Object.keys(fields) as (keyof S & string)[];
  const read = (params: QueryParams): S => {
    const state = {} as S;
    for (const key of keys) {
      // A key given more than once (?candidate=a&candidate=b) reads as one list; other fields refuse it.
      const values = params.getAll(key);
      state[key] = fields[key]!.parse(values.length === 0 ? undefined : values.join(",")) as S[typeof key];
    }
    return state;
  };
  const defaults = read(new URLSearchParams());
  return {
    keys,
    defaults,
    read,
    write(state, params) {
      const next = new URLSearchParams(params);
      for (const key of keys) {
        const value = String(state[key]);
        if (value === String(defaults[key])) next.delete(key);
        else next.set(key, value);
      }
      return next;
    },
    key(state) {
      return keys.map((key) => `${key}=${String(state[key])}`).join("&");
    },
  };
}

export interface UrlUpdateOptions {
  /** "push" (default): a history entry Back returns from; "replace": the current entry changes. */
  history?: "push" | "replace";
  /** Write the URL once updates pause this long (typing); the state changes at once. */
  debounceMs?: number;
}

/** Debounced writes not yet in the URL, across every list on the page: a push writes them first, so Back keeps them. */
const pendingWrites = new Set<() => void>();
function flushPendingWrites() {
  for (const flush of [...pendingWrites]) flush();
}

/**
 * The list's view and its setter. With `inUrl: false` the same list keeps its
 * view on the page only (e.g. a second copy of a table whose keys the page's
 * main one already uses).
 */
export function useUrlState<S extends Record<string, unknown>>(
  spec: UrlStateSpec<S>,
  { inUrl: enabled = true }: { inUrl?: boolean } = {},
): [S, (patch: Partial<S>, options?: UrlUpdateOptions) => void] {
  const params = useSearchParams();
  const [state, setState] = useState(() => (enabled ? spec.read(params) : spec.defaults));
  /** The newest state, for writes that happen after a render. */
  const latest = useRef(state);
  /** This list's part of the URL as last written or read: a URL with another one comes from Back or a link. */
  const inUrl = useRef(spec.key(state));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flushRef = useRef<(() => void) | null>(null);
  /** The page this list belongs to; the URL is never written once it shows another one. */
  const path = useRef<string | null>(null);

  const cancelPending = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    if (flushRef.current) pendingWrites.delete(flushRef.current);
    flushRef.current = null;
  }, []);

  const writeUrl = useCallback(
    (history: "push" | "replace") => {
      cancelPending();
      const url = new URL(window.location.href);
      if (path.current !== null && url.pathname !== path.current) return;
      inUrl.current = spec.key(latest.current);
      const next = spec.write(latest.current, url.searchParams).toString();
      if (next === url.searchParams.toString()) return;
      // Commas need no escaping in a query: ?candidate=a,b reads better than a%2Cb.
      const search = next.replaceAll("%2C", ",");
      const href = `${url.pathname}${search ? `?${search}` : ""}${url.hash}`;
      if (history === "push") window.history.pushState(null, "", href);
      else window.history.replaceState(null, "", href);
    },
    [spec, cancelPending],
  );

  const adopt = useCallback(
    (from: URLSearchParams) => {
      cancelPending();
      const next = spec.read(from);
      inUrl.current = spec.key(next);
      if (spec.key(latest.current) === inUrl.current) return;
      latest.current = next;
      setState(next);
    },
    [spec, cancelPending],
  );

  const update = useCallback(
    (patch: Partial<S>, options: UrlUpdateOptions = {}) => {
      const next = { ...latest.current, ...patch };
      if (spec.key(next) === spec.key(latest.current)) return;
      const history = options.history ?? "push";
      // Typing that has not reached the URL yet goes into the entry being left.
      if (history === "push") flushPendingWrites();
      latest.current = next;
      setState(next);
      if (!enabled) return;
      if (options.debounceMs === undefined) {
        writeUrl(history);
        return;
      }
      cancelPending();
      const flush = () => writeUrl(history);
      flushRef.current = flush;
      pendingWrites.add(flush);
      timer.current = setTimeout(flush, options.debounceMs);
    },
    [spec, enabled, writeUrl, cancelPending],
  );

  /** The URL holds another view of this page than the one last written or read (Back, a link, another writer): show it. */
  const followUrl = useCallback(() => {
    if (window.location.pathname !== path.current) return;
    const current = new URLSearchParams(window.location.search);
    if (spec.key(spec.read(current)) !== inUrl.current) adopt(current);
  }, [spec, adopt]);

  // Back/Forward: the URL is already the entry's; show what it holds.
  useEffect(() => {
    if (!enabled) return;
    path.current = window.location.pathname;
    const onPopState = () => {
      if (window.location.pathname === path.current) adopt(new URLSearchParams(window.location.search));
      else cancelPending();
    };
    window.addEventListener("popstate", onPopState);
    // Any new entry (a link to this page with another query, pushed by Next.js's router) or traversal:
    // follow it when it happens, not when a render of the router's state comes around. Back past a reload
    // and then the nav's link left the list on the filtered view under a clean URL: the router's
    // renders and its history writes interleaved so that the render with the link's query ran while the
    // address still showed the old one, was skipped as stale, and no later render came. Replacements
    // are left out: they are this hook's own typing, or the router rewriting the entry it shows.
    const navigation = (window as { navigation?: EventTarget & { transition?: unknown } }).navigation;
    const onEntryChange = (event: Event) => {
      const type = (event as Event & { navigationType?: string }).navigationType;
      if (type === "push" || type === "traverse") followUrl();
    };
    navigation?.addEventListener("currententrychange", onEntryChange);
    return () => {
      window.removeEventListener("popstate", onPopState);
      navigation?.removeEventListener("currententrychange", onEntryChange);
      // Leaving the page: a pending write would land on the next page's URL.
      cancelPending();
    };
  }, [enabled, adopt, cancelPending, followUrl]);

  // A link to this page with another query (the nav's "Runs" while filtered), where the Navigation API
  // is missing. A render of a query the address bar does not show yet (or any more) is checked again
  // once the router has written its history entry, rather than dropped.
  const query = params.toString();
  useEffect(() => {
    if (!enabled || window.location.pathname !== path.current) return;
    if (new URLSearchParams(window.location.search).toString() === query) {
      followUrl();
      return;
    }
    const timer = setTimeout(followUrl, 0);
    return () => clearTimeout(timer);
  }, [enabled, query, followUrl]);

  return [state, update];
}
