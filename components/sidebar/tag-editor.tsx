"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { useView } from "../view-state-provider";
import type { PickerRun } from "@/lib/labels";
import { LISTED_RUNS } from "./run-picker";
import { checkTagDraft, MAX_TAG_LENGTH } from "@/lib/tags";

async function postTags(runDir: string, body: { logs?: string; add?: string[]; remove?: string[] }): Promise<string | null> {
  const response = await fetch(`/api/runs/${encodeURIComponent(runDir)}/tags`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.ok) return null;
  const error = (await response.json().catch(() => null)) as { message?: string } | null;
  return error?.message ?? `Saving tags failed (HTTP ${response.status})`;
}

function RunTagsForm({ run }: { run: PickerRun }) {
  const { state } = useView();
  const router = useRouter();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const save = (change: { add?: string[]; remove?: string[] }) =>
    startTransition(async () => {
      const problem = await postTags(run.runDir, { logs: state.logs, ...change });
      setError(problem);
      if (!problem) {
        setText("");
        router.refresh();
      }
    });
  const draft = checkTagDraft(text);
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() && !draft.tooLong) save({ add: [text.trim()] });
  };

  return (
    <div className="space-y-1 px-2 pb-2">
      <ul className="flex flex-wrap gap-1" data-testid="run-tags">
        {run.tags.length === 0 && <li className="text-xs text-slate-500">No tags yet</li>}
        {run.tags.map((tag) => (
          <li key={tag} className="flex max-w-full items-start rounded bg-amber-100 pl-1 text-xs text-amber-900" data-testid="run-tag">
            {/* A 100-character tag without spaces must wrap inside the sidebar, not widen it. */}
            <span className="min-w-0 break-all">{tag}</span>
            <button type="button" className="px-1 hover:text-red-700" aria-label={`Remove tag ${tag} from job ${run.jobId}`} disabled={pending} onClick={() => save({ remove: [tag] })}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} className="flex gap-1">
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Enter tag name..."
          aria-label={`New tag for job ${run.jobId}`}
          aria-invalid={draft.tooLong}
          aria-describedby={`tag-count-${run.runDir}`}
          className="min-w-0 flex-1 rounded border border-slate-300 px-1 py-0.5 text-xs"
        />
        <button type="submit" className="btn" disabled={pending || !text.trim() || draft.tooLong}>
          Add
        </button>
      </form>
      {text.trim() !== "" && <TagDraftNotes id={`tag-count-${run.runDir}`} draft={draft} />}
      {error && (
        <p role="alert" className="text-xs text-red-700" data-testid="tag-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The length counter against the limit (red past it) and the warnings of the tag being typed. */
function TagDraftNotes({ id, draft }: { id: string; draft: ReturnType<typeof checkTagDraft> }) {
  return (
    <div className="space-y-0.5 text-xs">
      <p id={id} className={draft.tooLong ? "text-red-700" : "text-slate-500"} data-testid="tag-counter" aria-live="polite">
        {draft.length}/{MAX_TAG_LENGTH} characters{draft.tooLong ? ` — ${draft.length - MAX_TAG_LENGTH} too many, shorten it to add` : ""}
      </p>
      {draft.warnings.map((warning) => (
        <p key={warning} className="break-words text-amber-800" data-testid="tag-warning">
          {warning}
        </p>
      ))}
    </div>
  );
}

/** One run's tags, collapsed; the editor is only built when opened (100 selected runs stay cheap). */
function RunTags({ run }: { run: PickerRun }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="rounded border border-slate-200 bg-white" data-testid="tag-editor" data-run-dir={run.runDir} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer truncate px-2 py-1 text-xs font-medium" title={run.tags.length > 0 ? run.tags.join(", ") : undefined}>
        Job {run.jobId}
        {run.tags.length > 0 && <span className="ml-1 font-normal text-slate-500">({run.tags.join(", ")})</span>}
      </summary>
      {open && <RunTagsForm run={run} />}
    </details>
  );
}

/** Tags of each selected run: add and remove, saved to the run's `<jobid>.json`. */
export function TagEditor({ runs }: { runs: PickerRun[] }) {
  // As in the run picker: a thousand selected runs list the first ones until asked for all.
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? runs : runs.slice(0, LISTED_RUNS);
  return (
    <section className="space-y-1" data-testid="tags-section">
      <h3 className="text-sm font-semibold">Tags</h3>
      {runs.length === 0 && <p className="text-xs text-slate-500">Select a run to tag it.</p>}
      {shown.map((run) => (
        <RunTags key={run.runDir} run={run} />
      ))}
      {shown.length < runs.length && (
        <button type="button" className="text-xs text-blue-700 underline" onClick={() => setShowAll(true)} data-testid="show-all-tags">
          show all {runs.length} selected runs
        </button>
      )}
    </section>
  );
}
