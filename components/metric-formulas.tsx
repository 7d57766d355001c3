function Fraction({ numerator, denominator }: { numerator: string; denominator: string }) {
  return (
    <span className="inline-flex flex-col items-center align-middle">
      <span className="border-b border-slate-800 px-1">{numerator}</span>
      <span className="px-1">{denominator}</span>
    </span>
  );
}

const FORMULAS = [
  { name: "Output TPS/GPU", numerator: "Total Output Throughput (tokens/s)", denominator: "Total Number of GPUs", note: "How efficiently each GPU is used for token generation." },
  { name: "Total TPS/GPU", numerator: "Total Token Throughput, input + output (tokens/s)", denominator: "Total Number of GPUs", note: "The same, counting prefill (input) tokens too." },
  { name: "Output TPS/User", numerator: "1000", denominator: "Mean TPOT (ms)", note: "The token rate each user sees while streaming, independent of concurrency." },
];

/** The metric formulas, as the user guide writes them. */
export function MetricFormulas() {
  return (
    <section className="space-y-3 border-t border-slate-200 pt-4 text-sm" data-testid="metric-formulas">
      <h3 className="font-semibold">Metric Calculations</h3>
      {FORMULAS.map((f) => (
        <div key={f.name}>
          <div className="font-serif">
            <span className="font-medium">{f.name}</span> = <Fraction numerator={f.numerator} denominator={f.denominator} />
          </div>
          <p className="text-xs text-slate-500">{f.note}</p>
        </div>
      ))}
      <p className="text-xs text-slate-600" data-testid="run-label-key">
        <span className="font-medium">Run labels</span> such as <span className="font-mono">3667 | 1P/4D | 8+32 GPUs | 1024/1024 | H100</span> read: job id | topology (1 prefill and 4 decode workers; <span className="font-mono">8A</span> is 8 aggregated workers) | GPUs (8 for prefill + 32 for decode) | ISL/OSL | GPU type.
      </p>
    </section>
  );
}
