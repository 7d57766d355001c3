import { describe, expect, it } from "vitest";
import { isDark, nextThemeChoice, parseThemeChoice, THEME_KEY, THEME_SCRIPT } from "@/lib/theme";

/** Run the pre-paint script against a stand-in page: what it stored, what the system prefers. */
function runScript(stored: string | null | "throws", systemDark: boolean): boolean {
  const classes = new Set<string>();
  const document = { documentElement: { classList: { toggle: (name: string, on: boolean) => (on ? classes.add(name) : classes.delete(name)) } } };
  const localStorage = {
    getItem: (key: string) => {
      if (stored === "throws") throw new Error("SecurityError");
      return key === THEME_KEY ? stored : null;
    },
  };
  const window = { matchMedia: (query: string) => ({ matches: query === "(prefers-color-scheme: dark)" && systemDark }) };
  new Function("document", "localStorage", "window", THEME_SCRIPT)(document, localStorage, window);
  return classes.has("dark");
}

describe("theme choice", () => {
  it("follows the system unless the user chose", () => {
    expect(isDark("system", true)).toBe(true);
    expect(isDark("system", false)).toBe(false);
    expect(isDark("light", true)).toBe(false);
    expect(isDark("dark", false)).toBe(true);
  });

  it("reads an unknown or missing stored value as system", () => {
    expect(parseThemeChoice(null)).toBe("system");
    expect(parseThemeChoice("purple")).toBe("system");
    expect(parseThemeChoice("dark")).toBe("dark");
  });

  it("cycles system, light, dark, system", () => {
    expect([nextThemeChoice("system"), nextThemeChoice("light"), nextThemeChoice("dark")]).toEqual(["light", "dark", "system"]);
  });

  it("the pre-paint script decides as isDark does, for every stored value and system setting", () => {
    for (const stored of [null, "system", "light", "dark", "purple"]) {
      for (const systemDark of [false, true]) {
        expect(runScript(stored, systemDark), `${stored} / system dark ${systemDark}`).toBe(isDark(parseThemeChoice(stored), systemDark));
      }
    }
  });

  it("the pre-paint script follows the system when storage is blocked", () => {
    expect(runScript("throws", true)).toBe(true);
    expect(runScript("throws", false)).toBe(false);
  });
});
