import { describe, expect, it } from "vitest";
import { z } from "zod";
import { cachedQuery, createCallerFactory, createContext, createTRPCRouter, query } from "./trpc";
import { webServerTurns } from "./turns";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const router = createTRPCRouter({
  polled: cachedQuery(z.object({ id: z.string() }), z.string(), async ({ id }) => `polled ${id}`),
  plain: query(z.object({ id: z.string() }), z.string(), ({ id }) => `plain ${id}`),
});
const caller = createCallerFactory(router)(createContext());

describe("procedures and the web server's turns", () => {
  it("a polled read is answered while a burst holds the turn; other procedures wait for it", async () => {
    // A long transaction or a large input's parse holds the turn.
    const end = await webServerTurns.take();
    try {
      const polled = await Promise.race([caller.polled({ id: "a" }), sleep(1_000).then(() => "still waiting")]);
      expect(polled).toBe("polled a");

      let plainAnswered = false;
      const plain = caller.plain({ id: "b" }).then((value) => {
        plainAnswered = true;
        return value;
      });
      await sleep(50);
      expect(plainAnswered).toBe(false);
      end();
      expect(await plain).toBe("plain b");
    } finally {
      end();
    }
  });
});
