import { z } from "zod";
import { errorResponse, SrtlogError } from "@/lib/errors";
import { nodeLoadStatus } from "@/lib/server/node-view";

const querySchema = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, "a load id is 16 hex digits") });

/** Progress of a run's node data load, polled by the page that shows it in place of the charts. */
export async function GET(request: Request) {
  try {
    const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new SrtlogError("bad_input", z.prettifyError(parsed.error), parsed.error.issues);
    return Response.json(nodeLoadStatus(parsed.data.id), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
