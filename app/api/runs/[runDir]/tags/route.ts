import { z } from "zod";
import { errorResponse, SrtlogError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/json-body";
import { assertSameOrigin, editRunTags } from "@/lib/server/dashboard-tags";
import { tagEditSchema } from "./schema";

/** Add and remove tags of one run, in its `<jobid>.json`. Same-origin only; 404 for what is not a run. */
export async function POST(request: Request, { params }: { params: Promise<{ runDir: string }> }) {
  try {
    assertSameOrigin(request);
    const { runDir } = await params;
    const parsed = tagEditSchema.safeParse(await readJsonBody(request));
    if (!parsed.success) throw new SrtlogError("bad_input", z.prettifyError(parsed.error), parsed.error.issues);
    const tags = await editRunTags({ runDir, ...parsed.data });
    return Response.json({ runDir, tags });
  } catch (error) {
    return errorResponse(error);
  }
}
