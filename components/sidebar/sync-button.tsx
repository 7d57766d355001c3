"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { syncNow } from "@/app/actions";
import { useView } from "../view-state-provider";

/** "Sync Now": drop the server's in-memory cache for this logs dir, rescan it and redraw. */
export function SyncButton() {
  const { state } = useView();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);

  const sync = () =>
    startTransition(async () => {
      const result = await syncNow(state.logs);
      setMessage(result.message);
      router.refresh();
    });

  return (
    <div className="flex items-center gap-2 text-xs">
      <button type="button" className="btn" onClick={sync} disabled={pending} data-testid="sync-now">
        {pending ? "Syncing…" : "Sync Now"}
      </button>
      {message && <span className="text-slate-600" data-testid="sync-message">{message}</span>}
    </div>
  );
}
