import { z } from "zod";
import { errorResponse, SrtlogError } from "@/lib/errors";
import { MAX_FOLLOWED_RUNS } from "@/lib/live/follow-limit";
import { runEventStream } from "@/lib/server/live-events";

const querySchema = z.object({ run: z.array(z.string().min(1)).min(1, "name at least one run=").max(MAX_FOLLOWED_RUNS), logs: z.string().optional() });

/** Server-Sent Events of several runs at once (`?run=A&run=B&logs=...`): one connection per page. */
export async function GET(request: Request) {
  try {
    const params = new URL(request.url).searchParams;
    const parsed = querySchema.safeParse({ run: params.getAll("run"), logs: params.get("logs") ?? undefined });
    if (!parsed.success) throw new SrtlogError("bad_input", z.prettifyError(parsed.error), parsed.error.issues);
    return await runEventStream(parsed.data.logs, parsed.data.run, request.signal);
  } catch (error) {
    return errorResponse(error);
  }
}

export const dynamic = "force-dynamic";
