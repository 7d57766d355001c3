import { writeFileAtomic } from "../../lib/server/parquet";
import { exportRows, type ExportFormat } from "../../lib/server/export-rows";
import { SrtlogError } from "../../lib/errors";
import { cliRunLoader } from "../loader";
import { logsDirOf, parseFlags } from "../args";

const FORMATS: ExportFormat[] = ["csv", "json", "parquet"];

/** `srtlog export`: the data-frame rows of every run, as CSV, JSON records or Parquet. */
export async function exportCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { logs: { type: "string" }, format: { type: "string" }, out: { type: "string" } });
  const format = values.format as ExportFormat | undefined;
  if (!format || !FORMATS.includes(format)) throw new SrtlogError("bad_input", `--format must be one of ${FORMATS.join(", ")}`);
  if (format === "parquet" && !values.out && process.stdout.isTTY) {
    throw new SrtlogError("bad_input", "Parquet is binary: give --out FILE or redirect stdout");
  }
  const loader = cliRunLoader(logsDirOf(values.logs));
  const data = exportRows(await loader.toRows(), format);
  if (values.out) await writeFileAtomic(values.out, data);
  else process.stdout.write(data);
  return 0;
}
