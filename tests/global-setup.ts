// The CLI tests spawn bin/srtlog.mjs, which runs dist/srtlog.mjs when it is current and the sources
// (with a note on stderr) when not. Rebuild a stale bundle first, so the tests run what users run.
import { staleBundle } from "../bin/bundle-state.mjs";
import { buildCli } from "../scripts/build-cli.mjs";

export default async function setup(): Promise<void> {
  if (staleBundle(new URL("../", import.meta.url))) await buildCli();
}
