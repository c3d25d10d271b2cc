import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffJson } from "@/features/scorers/kinds/json-equal";
import { httpTargetConfig, maskTargetConfig, SECRET_MASK } from "@/features/targets";
import { createTarget, keepMaskedSecrets } from "@/features/targets/server";
import { deserialize, serialize, shareUnchanged } from "@/lib/trpc/transformer";
import { prototypeKeyIn, readPath, setOwn, writePath } from "./json-path";
import { renderJsonTemplate, renderTemplate } from "./template";
import { startHttpTarget, json } from "@/test/http-target";

/*
 * Every walker over user-given paths, driven with prototype keys: the result
 * is right (own keys are data) and Object.prototype is never touched.
 */

const PROTO = ["__proto__", "constructor", "prototype"];
const segment = fc.oneof(
  fc.constantFrom(...PROTO, "polluted", "0", "a"),
  fc.string({ minLength: 1, maxLength: 4 }).filter((s) => !s.includes(".")),
);
const path = fc.array(segment, { minLength: 1, maxLength: 4 });

function noPollution() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  expect(Object.prototype).not.toHaveProperty("polluted");
}

describe("json-path", () => {
  it("writePath then readPath gives the value back, for any keys, without pollution", () => {
    fc.assert(
      fc.property(path, fc.jsonValue(), (keys, value) => {
        const target: Record<string, unknown> = {};
        writePath(target, keys, value);
        const read = readPath(target, keys);
        expect(read).toEqual({ found: true, value });
        // The written keys are own data, as JSON.stringify/JSON.parse see them.
        expect(readPath(JSON.parse(JSON.stringify(target)), keys.join("."))).toEqual({ found: true, value: JSON.parse(JSON.stringify(value)) });
        noPollution();
      }),
    );
  });

  it("readPath never returns inherited members", () => {
    fc.assert(
      fc.property(path, (keys) => {
        const found = readPath({}, keys);
        expect(found.found).toBe(false);
        expect(readPath([], keys).found).toBe(false);
      }),
    );
    expect(readPath({}, "constructor")).toEqual({ found: false });
    expect(readPath({ a: "x" }, "a.length")).toEqual({ found: false });
    expect(readPath(JSON.parse('{"__proto__":{"x":1}}'), "__proto__.x")).toEqual({ found: true, value: 1 });
    expect(prototypeKeyIn("a.__proto__.b")).toBe("__proto__");
    expect(prototypeKeyIn("a.b")).toBeNull();
  });

  it("writePath refuses to descend through a primitive, naming where", () => {
    expect(() => writePath({ a: 1 }, "a.b", 2)).toThrow("a: holds a number, not an object");
    expect(() => writePath({}, "", 2)).toThrow(/empty/);
  });
});

describe("templates", () => {
  it("render own keys named like prototype members and refuse inherited ones", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROTO), fc.string(), (key, text) => {
        const input: Record<string, unknown> = {};
        setOwn(input, key, text);
        expect(renderTemplate(`{{input.${key}}}`, { input })).toBe(text);
        expect(renderJsonTemplate(`{"v": {{input.${key}}}}`, { input })).toEqual({ v: text });
        expect(() => renderTemplate(`{{input.${key}.polluted}}`, { input: {} })).toThrow(/does not have/);
        noPollution();
      }),
    );
  });
});

describe("json-equal scorer", () => {
  it("compares prototype-named keys as data", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROTO), fc.jsonValue(), fc.jsonValue(), (key, a, b) => {
        const expected = JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(a)}}`) as unknown;
        const actual = JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(b)}}`) as unknown;
        const same = diffJson(expected, expected, { ignoreExtraKeys: false });
        expect(same.differences).toEqual([]);
        const missing = diffJson(expected, {}, { ignoreExtraKeys: false });
        expect(missing.differences[0]).toMatch(new RegExp(`${key} is missing`));
        const tally = diffJson(expected, actual, { ignoreExtraKeys: false });
        expect(tally.differences.length === 0).toBe(JSON.stringify(a) === JSON.stringify(b) || tally.matched === tally.total);
        noPollution();
      }),
    );
  });
});

describe("HTTP target output path", () => {
  it("reads own prototype-named keys of the reply and reports inherited ones as missing", async () => {
    const reply = JSON.parse('{"constructor":{"prototype":{"text":"own"}},"__proto__":{"polluted":1}}') as unknown;
    const server = await startHttpTarget((_request, res) => json(res, 200, reply));
    try {
      const call = (outputPath: string) =>
        createTarget(httpTargetConfig.parse({ kind: "http", url: server.url, outputPath })).call(
          { input: 1, expectedOutput: null, metadata: null, runId: "r", itemId: "i", repetition: 0 },
          new AbortController().signal,
        );
      expect((await call("constructor.prototype.text")).output).toBe("own");
      expect((await call("__proto__.polluted")).output).toBe(1);
      await expect(call("constructor.name")).rejects.toThrow(/has no value at "constructor.name"/);
      await expect(call("__proto__.toString")).rejects.toThrow(/has no value/);
      noPollution();
    } finally {
      await server.close();
    }
  });
});

describe("target secrets", () => {
  it("masks and keeps headers with any name, and URL credentials", () => {
    fc.assert(
      fc.property(fc.constantFrom("constructor", "prototype", "x-api-key"), fc.string({ minLength: 1, maxLength: 8 }), (header, secret) => {
        const headers: Record<string, string> = {};
        setOwn(headers, header, secret);
        const config = httpTargetConfig.parse({ kind: "http", url: "http://u:pw@127.0.0.1:9/x?api_key=K1&q=1", headers });
        const masked = maskTargetConfig(config);
        expect(Object.getOwnPropertyDescriptor(masked.headers, header)?.value).toBe(SECRET_MASK);
        expect(masked.url).toBe(`http://u:${SECRET_MASK}@127.0.0.1:9/x?api_key=${SECRET_MASK}&q=1`);
        const kept = keepMaskedSecrets(masked, config) as typeof config;
        expect(kept.url).toBe(config.url);
        expect(Object.getOwnPropertyDescriptor(kept.headers, header)?.value).toBe(secret);
        noPollution();
      }),
    );
    const refused = httpTargetConfig.safeParse({ kind: "http", url: "http://127.0.0.1/", headers: JSON.parse('{"__proto__":"x"}') as unknown });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/"__proto__" is not allowed as a header name/);
  });

  it("URL credentials: user-only tokens and repeated params; a mask with nothing stored is refused", () => {
    const config = httpTargetConfig.parse({ kind: "http", url: "https://TOKEN@example.test/p?token=a&token=b&page=2#top" });
    const masked = maskTargetConfig(config);
    expect(masked.url).toBe(`https://${SECRET_MASK}@example.test/p?token=${SECRET_MASK}&token=${SECRET_MASK}&page=2#top`);
    expect((keepMaskedSecrets(masked, config) as typeof config).url).toBe(config.url);
    expect(() => keepMaskedSecrets(masked, null)).toThrow(/url: enter the user name in the URL; there is no stored one to keep/);
  });
});

describe("tRPC wire transformer", () => {
  it("round-trips any JSON value with prototype keys, Dates and undefined in arrays, without pollution", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...PROTO), fc.date({ noInvalidDate: true }), (value, key, date) => {
        const payload = JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value)}, "nested": {${JSON.stringify(key)}: 1}}`) as Record<string, unknown>;
        payload.when = date;
        payload.list = [undefined, date, Number.NaN];
        const wire = JSON.parse(JSON.stringify(serialize(payload))) as unknown;
        const back = deserialize(wire) as Record<string, unknown>;
        expect(JSON.stringify(Object.getOwnPropertyDescriptor(back, key)?.value)).toBe(JSON.stringify(value));
        expect(back.when).toEqual(date);
        expect(back.list).toEqual([undefined, date, Number.NaN]);
        expect(Object.getOwnPropertyDescriptor(shareUnchanged({ [key]: 0 }, back), key)?.value).toEqual(Object.getOwnPropertyDescriptor(back, key)?.value);
        noPollution();
      }),
    );
  });

  it("restores tags at every depth: Maps and Sets holding Dates, undefined and non-finite numbers", () => {
    const when = new Date("2026-01-02T03:04:05.006Z");
    const payload = {
      map: new Map<unknown, unknown>([
        ["a", when],
        [when, [undefined, Number.POSITIVE_INFINITY]],
      ]),
      set: new Set([when, Number.NEGATIVE_INFINITY]),
      deep: { list: [{ at: when }, 10n] },
    };
    const wire = JSON.parse(JSON.stringify(serialize(payload))) as unknown;
    expect(deserialize(wire)).toEqual(payload);
  });

  it("refuses meta paths that reach outside the data", () => {
    expect(() => deserialize({ json: {}, meta: { tags: [[["__proto__", "polluted"], "Date"]] } })).toThrow(/path the data lacks/);
    expect(() => deserialize({ json: { a: 1 }, meta: { tags: [[["constructor", "prototype"], "undefined"]] } })).toThrow(/path the data lacks/);
    noPollution();
  });
});
