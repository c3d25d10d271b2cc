import { spawnSync } from "node:child_process";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { LEASE_OWNER, ownerIsGoneFromThisHost } from "./lease";

describe("lease owners", () => {
  const host = os.hostname().replaceAll("/", "_");

  it("are unique to the process with no setting: host, pid and a boot id", () => {
    const [ownerHost, pid, boot] = LEASE_OWNER.split("/");
    expect(ownerHost).toBe(host);
    expect(Number(pid)).toBe(process.pid);
    expect(boot).toMatch(/^[a-z0-9]{10,}$/);
  });

  it("of this host are gone only when their process is: another live process on the host keeps its runs", () => {
    const exited = spawnSync(process.execPath, ["-e", "0"]).pid!;
    expect(ownerIsGoneFromThisHost(`${host}/${exited}/boot1`)).toBe(true);
    // The parent process (the test runner) is alive: its leases are not taken over.
    expect(ownerIsGoneFromThisHost(`${host}/${process.ppid}/boot1`)).toBe(false);
    // Our own pid with another boot id: an earlier process whose pid was reused.
    expect(ownerIsGoneFromThisHost(`${host}/${process.pid}/earlier`)).toBe(true);
    expect(ownerIsGoneFromThisHost(LEASE_OWNER)).toBe(false);
  });

  it("of other hosts, or in an older form, wait for their lease to expire", () => {
    expect(ownerIsGoneFromThisHost(`another-host/1/boot1`, () => false)).toBe(false);
    expect(ownerIsGoneFromThisHost(`${host}/boot1`, () => false)).toBe(false);
  });
});
