// Child process of the benchmark: the Requests view's data for one run's point, timed, as JSON.
import { RunLoader } from "../../lib/server/run-loader";
import { getRequestsData } from "../../lib/server/requests-data";
import { requestsParamsSchema } from "../../lib/requests-view";

const [logsDir, runDir] = process.argv.slice(2);
const run = await new RunLoader(logsDir).loadSingle(runDir);
if (!run) throw new Error(`no run ${runDir} in ${logsDir}`);
const startedAt = performance.now();
const data = await getRequestsData([run], requestsParamsSchema.parse({ rc: String(run.points[0].concurrency) }));
const ms = performance.now() - startedAt;
const requests = data?.series.reduce((n, s) => n + s.requests, 0) ?? 0;
console.log(JSON.stringify({ ms, requests, rssMb: process.resourceUsage().maxRSS / 1024 }));
