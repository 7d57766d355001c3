"use client";

import { usePathname, useRouter } from "next/navigation";
import { createContext, use, useCallback, useEffect, useOptimistic, useRef, useTransition, type ReactNode } from "react";
import { hrefFor, type ViewState } from "@/lib/view-state";

interface ViewContext {
  /** The view as the URL has it, or as it is about to have it while the server renders the change. */
  state: ViewState;
  /** Navigate to a changed view (a new history entry unless `replace`). */
  update: (change: (state: ViewState) => ViewState, options?: { replace?: boolean }) => void;
  pending: boolean;
}

const Context = createContext<ViewContext | null>(null);

/**
 * Holds the URL's view state for the client controls. Every change is a navigation to the new URL (so
 * back/forward and reload work); the controls show the change at once, before the server answers.
 */
export function ViewStateProvider({ state, children }: { state: ViewState; children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [optimistic, setOptimistic] = useOptimistic(state);
  // Changes made in quick succession build on each other, not on the last state the server sent.
  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  }, [state]);

  const update = useCallback<ViewContext["update"]>(
    (change, options) => {
      const next = change(latest.current);
      latest.current = next;
      const href = hrefFor(pathname, next);
      startTransition(() => {
        setOptimistic(next);
        if (options?.replace) router.replace(href, { scroll: false });
        else router.push(href, { scroll: false });
      });
    },
    [pathname, router, setOptimistic],
  );

  return <Context value={{ state: optimistic, update, pending }}>{children}</Context>;
}

export function useView(): ViewContext {
  const context = use(Context);
  if (!context) throw new Error("useView() outside <ViewStateProvider>");
  return context;
}
