import { describe, expect, it } from "vitest";
import { decodePicked, encodePicked, withPicked } from "@/lib/server/picked-logs";

describe("picked logs dirs cookie", () => {
  it("reads back what it wrote", () => {
    expect(decodePicked(encodePicked(["/data/a", "/data/b"]))).toEqual(["/data/a", "/data/b"]);
  });

  it("ignores a value it did not sign, a changed payload, and junk", () => {
    const value = encodePicked(["/data/a"]);
    const [, mac] = value.split(".");
    const forged = `${Buffer.from(JSON.stringify(["/etc"])).toString("base64url")}.${mac}`;
    expect(decodePicked(forged)).toEqual([]);
    expect(decodePicked(`${value}x`)).toEqual([]);
    expect(decodePicked("")).toEqual([]);
    expect(decodePicked(undefined)).toEqual([]);
    expect(decodePicked("a.b.c")).toEqual([]);
  });

  it("puts the new pick first, once, and keeps the last 8", () => {
    expect(withPicked(["/a", "/b"], "/b/")).toEqual(["/b", "/a"]);
    const many = Array.from({ length: 10 }, (_, i) => `/d${i}`);
    expect(withPicked(many, "/new")).toEqual(["/new", ...many.slice(0, 7)]);
  });
});
