"use client";

import { useEffect, useState, type FormEvent } from "react";
import { useView } from "../view-state-provider";

export interface LogsDirInfo {
  dir: string;
  defaultDir: string;
  /** Where the default comes from ("$SRTLOG_LOGS_DIR", ...). */
  defaultSource: string;
  isDefault: boolean;
  /** Why the directory cannot be used; null when it can. */
  problem: string | null;
}

async function rememberPick(dir: string): Promise<void> {
  await fetch("/api/logs-dir", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ dir }) }).catch(() => {});
}

/** "Logs Directory Path": shows the directory in use; another absolute path can be typed in. */
export function LogsDirForm({ info }: { info: LogsDirInfo }) {
  const { update } = useView();
  const [text, setText] = useState(info.dir);
  // Set when an empty path was loaded: the form says why the default directory is back.
  const [emptied, setEmptied] = useState(false);
  useEffect(() => setText(info.dir), [info.dir]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    setEmptied(value === "");
    if (value === "") setText(info.defaultDir);
    const logs = value === "" || value === info.defaultDir ? undefined : value;
    // The server opens another dir only once this form (same-origin) has said the user picked it;
    // when it refuses, the page that follows says why.
    if (logs) await rememberPick(logs);
    // Runs, filters and picks belong to the old directory.
    update((s) => ({ ...s, logs, gpu: [], topology: [], islOsl: [], container: [], tags: [], cluster: [], runs: undefined, points: [], swap: false }));
  };

  return (
    <form onSubmit={submit} className="space-y-1" data-testid="logs-dir-form">
      <label htmlFor="logs-dir" className="block text-sm font-semibold">
        Logs Directory Path
      </label>
      <div className="flex gap-1">
        <input
          id="logs-dir"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 font-mono text-xs"
          spellCheck={false}
          data-testid="logs-dir-input"
        />
        <button type="submit" className="btn">
          Load
        </button>
      </div>
      {emptied && info.isDefault ? (
        <p role="status" className="rounded bg-amber-50 p-2 text-xs text-amber-900" data-testid="logs-dir-empty">
          The path was empty, so the default directory is loaded: {info.defaultDir} (from {info.defaultSource}).
        </p>
      ) : (
        info.isDefault && !info.problem && (
          <p className="text-xs text-slate-500" data-testid="logs-dir-default">
            The default directory, from {info.defaultSource}.
          </p>
        )
      )}
      {info.problem && (
        <p role="alert" className="rounded bg-red-50 p-2 text-xs text-red-800" data-testid="logs-dir-error">
          {info.problem}
        </p>
      )}
      {!info.isDefault && (
        <button type="button" className="text-xs text-blue-700 underline" onClick={() => { setEmptied(false); update((s) => ({ ...s, logs: undefined, runs: undefined, points: [] })); }}>
          Back to {info.defaultDir}
        </button>
      )}
    </form>
  );
}
