import { commandHelp, isCommand, topUsage, type CommandName } from "./usage";

type Command = (args: string[]) => Promise<number>;

/**
 * Each command is imported only when it runs: loading them all (zod, the run loader, Parquet) took
 * longer than starting Node, and `srtlog --help` should cost no more than that.
 */
const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  runs: async () => (await import("./commands/runs")).runsCommand,
  export: async () => (await import("./commands/export")).exportCommand,
  nodes: async () => (await import("./commands/nodes")).nodesCommand,
  compare: async () => (await import("./commands/compare")).compareCommand,
  best: async () => (await import("./commands/best")).bestCommand,
  ingest: async () => (await import("./commands/ingest")).ingestCommand,
  query: async () => (await import("./commands/query")).queryCommand,
  report: async () => (await import("./commands/report")).reportCommand,
};

/** `--help` or `-h` anywhere before a `--` asks for help, whatever else is on the line. */
function wantsHelp(args: string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

/** Run the CLI; returns the exit code (0 ok, 1 a finding such as a regression, 2 bad input). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h") {
    console.log(topUsage());
    return name ? 0 : 2;
  }
  if (name === "help") {
    // `srtlog help nodes` is `srtlog nodes --help`.
    console.log(args[0] && isCommand(args[0]) ? commandHelp(args[0]) : topUsage());
    return 0;
  }
  if (!isCommand(name)) {
    console.error(`srtlog: unknown command '${name}'\n${topUsage()}`);
    return 2;
  }
  if (wantsHelp(args)) {
    console.log(commandHelp(name));
    return 0;
  }
  return runCommand(name, args);
}

async function runCommand(name: CommandName, args: string[]): Promise<number> {
  const [{ SrtlogError }, { flushBackgroundWork }] = await Promise.all([import("../lib/errors"), import("../lib/server/log-pool")]);
  try {
    const code = await (await COMMANDS[name]())(args);
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
