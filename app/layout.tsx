import type { Metadata } from "next";
import type { ReactNode } from "react";
import { THEME_SCRIPT } from "@/lib/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: "srtlog",
  description: "Benchmark runs of srt-slurm LLM-serving deployments",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The script sets `dark` on <html> before the body paints (no white flash); the server cannot know the
    // theme, so React is told not to mind that class differing from its render.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="bg-white text-slate-900">{children}</body>
    </html>
  );
}
