/**
 * Light/dark theme choice. "system" follows prefers-color-scheme; "light"/"dark" are the user's toggle,
 * kept in localStorage so a reload (and every tab) opens in the chosen theme. Pure, shared by the
 * pre-paint script in app/layout.tsx and the toggle.
 */

export const THEME_KEY = "srtlog-theme";
export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** A stored value, or "system" when none or an unknown one is stored (a hand-edited or older value). */
export function parseThemeChoice(stored: string | null): ThemeChoice {
  return (THEME_CHOICES as readonly string[]).includes(stored ?? "") ? (stored as ThemeChoice) : "system";
}

/** Whether to draw dark: the explicit choice, else what the system prefers. */
export function isDark(choice: ThemeChoice, systemDark: boolean): boolean {
  return choice === "dark" || (choice === "system" && systemDark);
}

/** The toggle cycles system -> light -> dark -> system, so "follow the system again" is one click away. */
export function nextThemeChoice(choice: ThemeChoice): ThemeChoice {
  return THEME_CHOICES[(THEME_CHOICES.indexOf(choice) + 1) % THEME_CHOICES.length];
}

/**
 * Runs in <head> before the body paints, so a dark page never flashes white first. Inline and tiny: it
 * repeats parseThemeChoice/isDark by hand (it cannot import); tests/unit/lib/theme.test.ts runs it
 * against both to keep them equal. A blocked localStorage (privacy mode) falls back to the system.
 */
export const THEME_SCRIPT = `(function(){var c="system";try{c=localStorage.getItem("${THEME_KEY}")||"system"}catch(e){}
var d=c==="dark"||(c!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);
document.documentElement.classList.toggle("dark",d);})();`;
