import Link from "next/link";
import { hrefFor, type ViewState } from "@/lib/view-state";

/** Says the time charts are zoomed to one concurrency's benchmark window (URL `win`), with the way back. */
export function WindowZoomBar({ state, pathname }: { state: ViewState; pathname: string }) {
  if (state.win === undefined) return null;
  return (
    <p className="rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900" data-testid="window-zoom">
      Zoomed to the benchmark window of concurrency {state.win} (shaded orange).{" "}
      <Link href={hrefFor(pathname, { ...state, win: undefined })} className="underline" data-testid="window-unzoom">
        Show the whole run
      </Link>
    </p>
  );
}
