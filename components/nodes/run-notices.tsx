import { LoadProgress } from "./load-progress";

/** A run that has no charts (yet), and why. */
export type RunNotice =
  | { state: "loading"; label: string; loadId: string }
  | { state: "failed"; label: string; message: string }
  | { state: "no-logs"; label: string; message: string };

/** Runs still loading (with live progress), runs whose logs failed, runs without worker logs, then per-worker notes. */
export function RunNotices({ notices, notes }: { notices: RunNotice[]; notes: string[] }) {
  if (notices.length === 0 && notes.length === 0) return null;
  return (
    <div className="space-y-2">
      {notices.map((notice, i) =>
        notice.state === "loading" ? (
          <LoadProgress key={notice.loadId} loadId={notice.loadId} label={`Loading node metrics of ${notice.label}`} />
        ) : (
          <p key={`${i}-${notice.label}`} role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900" data-testid={`node-${notice.state}`}>
            <strong>{notice.label}:</strong> {notice.state === "failed" ? `could not read the worker logs: ${notice.message}` : notice.message}
          </p>
        ),
      )}
      {notes.length > 0 && (
        <ul className="space-y-1 text-sm text-slate-700" data-testid="node-notes">
          {notes.map((note) => (
            <li key={note} className="rounded border border-slate-200 bg-slate-50 px-3 py-1.5">
              {note}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
