"use client";

import { useRef } from "react";

/**
 * The previous value while the new one is deep-equal (same JSON): every navigation brings fresh copies
 * of the same chart data from the server, and redrawing 100 traces for nothing costs time and hover.
 */
export function useStable<T>(value: T): T {
  const last = useRef<{ key: string; value: T } | null>(null);
  const key = JSON.stringify(value);
  if (last.current?.key !== key) last.current = { key, value };
  return last.current.value;
}
