import { errorResponse } from "@/lib/errors";
import { runEventStream } from "@/lib/server/live-events";

/** Server-Sent Events of one run (`?logs=` as on the pages): a `change` per new bytes or results, then `finished`. */
export async function GET(request: Request, { params }: { params: Promise<{ runDir: string }> }) {
  try {
    const { runDir } = await params;
    const logs = new URL(request.url).searchParams.get("logs") ?? undefined;
    return await runEventStream(logs, [runDir], request.signal);
  } catch (error) {
    return errorResponse(error);
  }
}

export const dynamic = "force-dynamic";
