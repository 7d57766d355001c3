import { SrtlogError } from "../lib/errors";
import { flushBackgroundWork } from "../lib/server/log-pool";
import { BEST_USAGE, bestCommand } from "./commands/best";
import { COMPARE_USAGE, compareCommand } from "./commands/compare";
import { EXPORT_USAGE, exportCommand } from "./commands/export";
import { NODES_USAGE, nodesCommand } from "./commands/nodes";
import { RUNS_USAGE, runsCommand } from "./commands/runs";

const COMMANDS: Record<string, { usage: string; run: (args: string[]) => Promise<number> }> = {
  runs: { usage: RUNS_USAGE, run: runsCommand },
  export: { usage: EXPORT_USAGE, run: exportCommand },
  nodes: { usage: NODES_USAGE, run: nodesCommand },
  compare: { usage: COMPARE_USAGE, run: compareCommand },
  best: { usage: BEST_USAGE, run: bestCommand },
};

function usage(): string {
  return ["usage:", ...Object.values(COMMANDS).map((command) => `  ${command.usage}`)].join("\n");
}

/** Run the CLI; returns the exit code (0 ok, 1 a finding such as a regression, 2 bad input). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`srtlog: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  try {
    const code = await command.run(args);
    // Caches written on worker threads must land before the process ends.
    await flushBackgroundWork();
    return code;
  } catch (error) {
    if (error instanceof SrtlogError && error.code !== "conflict") {
      console.error(`srtlog ${name}: ${error.message}`);
      return 2;
    }
    console.error(`srtlog ${name}: unexpected error: ${error instanceof Error ? error.stack : String(error)}`);
    return 1;
  }
}
