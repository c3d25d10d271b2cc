import { describe, expect, it } from "vitest";
import { SECRET_MASK } from "@/features/targets/schemas";
import { api } from "@/test/caller";
import { db } from "@/server/db";

describe("credentials in a target URL", () => {
  it("are masked in every response and kept when the mask comes back on edit", async () => {
    const url = "http://svc:s3cret@127.0.0.1:9/v1?api_key=abc123&model=m";
    const created = await api().targets.create({ name: "url-creds", config: { kind: "http", url } });
    const maskedUrl = `http://svc:${SECRET_MASK}@127.0.0.1:9/v1?api_key=${SECRET_MASK}&model=m`;
    expect(created.config).toMatchObject({ url: maskedUrl });
    const listed = (await api().targets.list()).find((t) => t.id === created.id);
    expect(JSON.stringify(listed)).not.toContain("s3cret");
    expect(JSON.stringify(listed)).not.toContain("abc123");

    // The editor sends the masked URL back with another change: the stored credentials stay.
    const edited = await api().targets.update({ id: created.id, config: { ...(created.config as { kind: "http"; url: string }), url: `${maskedUrl}&x=1` } });
    expect(edited.config).toMatchObject({ url: `${maskedUrl}&x=1` });
    const row = await db.target.findUniqueOrThrow({ where: { id: created.id } });
    expect((row.config as { url: string }).url).toBe(`${url}&x=1`);

    // A new password replaces the stored one.
    await api().targets.update({ id: created.id, config: { kind: "http", url: "http://svc:new@127.0.0.1:9/v1" } });
    const again = await db.target.findUniqueOrThrow({ where: { id: created.id } });
    expect((again.config as { url: string }).url).toBe("http://svc:new@127.0.0.1:9/v1");

    // A mask with nothing behind it is a field error, not a request with the mask as password.
    await expect(api().targets.create({ name: "url-creds-2", config: { kind: "http", url: maskedUrl } })).rejects.toThrow(/url: enter the password in the URL/);
  });
});
