"use client";

import { useEffect, useSyncExternalStore } from "react";
import { isDark, nextThemeChoice, parseThemeChoice, THEME_KEY, type ThemeChoice } from "@/lib/theme";

const SYSTEM_DARK = "(prefers-color-scheme: dark)";
const choiceListeners = new Set<() => void>();

function readChoice(): ThemeChoice {
  try {
    return parseThemeChoice(localStorage.getItem(THEME_KEY));
  } catch {
    return "system"; // storage blocked: follow the system, as the pre-paint script does
  }
}

function subscribeChoice(listener: () => void): () => void {
  choiceListeners.add(listener);
  window.addEventListener("storage", listener); // a choice made in another tab
  return () => {
    choiceListeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function applyTheme(choice: ThemeChoice): void {
  document.documentElement.classList.toggle("dark", isDark(choice, window.matchMedia(SYSTEM_DARK).matches));
}

/** Whether the page is dark now: the `dark` class on <html>, watched, so charts re-template on a toggle. */
export function useDarkMode(): boolean {
  return useSyncExternalStore(
    (listener) => {
      const observer = new MutationObserver(listener);
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
      return () => observer.disconnect();
    },
    () => document.documentElement.classList.contains("dark"),
    () => false,
  );
}

const LABEL: Record<ThemeChoice, string> = { system: "Theme: system", light: "Theme: light", dark: "Theme: dark" };

/** Cycles system -> light -> dark; the choice is stored, "system" by removing it. */
export function ThemeToggle() {
  const choice = useSyncExternalStore(subscribeChoice, readChoice, () => "system" as const);
  // Follow the system live while the choice is "system" (and re-apply a choice made in another tab).
  useEffect(() => {
    applyTheme(choice);
    const media = window.matchMedia(SYSTEM_DARK);
    const follow = () => applyTheme(readChoice());
    media.addEventListener("change", follow);
    return () => media.removeEventListener("change", follow);
  }, [choice]);
  const choose = () => {
    const next = nextThemeChoice(choice);
    try {
      if (next === "system") localStorage.removeItem(THEME_KEY);
      else localStorage.setItem(THEME_KEY, next);
    } catch {
      // Storage blocked: the theme still changes, for this page only.
    }
    applyTheme(next);
    choiceListeners.forEach((listener) => listener());
  };
  return (
    <button type="button" className="btn whitespace-nowrap" onClick={choose} data-testid="theme-toggle" data-theme={choice} title="Switch theme: follow the system, light or dark">
      {LABEL[choice]}
    </button>
  );
}
