import { Facts } from "../rate-match/rate-facts";
import type { ConfigDetails } from "@/lib/config-view";

/** A worker's command-line flags, a few columns wide so a 60-flag command line fits a screen. */
function Flags({ flags }: { flags: ConfigDetails["flags"] }) {
  if (flags.length === 0) return <p className="text-sm text-slate-500">The dump records no command line.</p>;
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-1 font-mono text-xs md:grid-cols-2 xl:grid-cols-3" data-testid="config-flags">
      {flags.map(({ flag, value }, i) => (
        <div key={`${flag}-${i}`} className="flex min-w-0 gap-2 border-b border-slate-100 py-0.5" data-testid="config-flag" data-flag={flag}>
          <dt className="shrink-0 text-slate-700">{flag}</dt>
          <dd className="min-w-0 truncate text-slate-900" title={value}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Environment variables by category; NCCL and SGLANG open. */
export function Environment({ categories }: { categories: ConfigDetails["environment"] }) {
  return (
    <div className="space-y-1" data-testid="config-environment">
      {categories.map((category) => (
        <details key={category.key} open={category.open} className="rounded border border-slate-200" data-testid={`env-${category.key}`}>
          <summary className="cursor-pointer px-3 py-1.5 text-sm font-medium">
            {category.title} <span className="text-xs font-normal text-slate-500">({category.vars.length})</span>
          </summary>
          {category.vars.length === 0 ? (
            <p className="px-3 pb-2 text-xs text-slate-500">None set.</p>
          ) : (
            <table className="data-table mb-2 font-mono">
              <tbody>
                {category.vars.map(([name, value]) => (
                  <tr key={name} data-testid="env-var" data-name={name}>
                    <td className="w-1/3 break-all">{name}</td>
                    <td className="break-all">{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </details>
      ))}
    </div>
  );
}

/** One config dump: GPU and server figures, then the command line. */
export function ConfigDetailsView({ details }: { details: ConfigDetails }) {
  return (
    <div className="space-y-4">
      <p className="text-xs text-slate-500">
        From <code>{details.file}</code>
      </p>
      {details.issues.length > 0 && (
        <ul className="rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900" data-testid="config-issues">
          {details.issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      )}
      {details.facts.length > 0 && <Facts facts={details.facts} testId="config-facts" />}
      <div className="space-y-2">
        <h5 className="text-sm font-semibold">Command-line arguments</h5>
        <Flags flags={details.flags} />
      </div>
    </div>
  );
}
