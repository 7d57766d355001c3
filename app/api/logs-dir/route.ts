import { cookies } from "next/headers";
import { z } from "zod";
import { errorResponse, SrtlogError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/json-body";
import { resolveLogsDir } from "@/lib/server/dashboard-logs";
import { assertSameOrigin } from "@/lib/server/dashboard-tags";
import { decodePicked, encodePicked, PICKED_COOKIE, withPicked } from "@/lib/server/picked-logs";

const bodySchema = z.object({ dir: z.string().trim().min(1, "no directory given").max(4096) });

/**
 * The sidebar's "Logs Directory Path" form: remember that the user picked this directory here, so
 * `?logs=` may open it. Same-origin only, like tag writes; the page then checks the directory itself.
 */
export async function POST(request: Request) {
  try {
    assertSameOrigin(request, "A logs directory can only be picked from the dashboard's own form.");
    const parsed = bodySchema.safeParse(await readJsonBody(request));
    if (!parsed.success) throw new SrtlogError("bad_input", z.prettifyError(parsed.error), parsed.error.issues);
    const dir = resolveLogsDir(parsed.data.dir);
    if (!dir) throw new SrtlogError("bad_input", `The logs directory must be an absolute path (starting with /): ${parsed.data.dir}`);
    const jar = await cookies();
    const picked = withPicked(decodePicked(jar.get(PICKED_COOKIE)?.value), dir);
    jar.set(PICKED_COOKIE, encodePicked(picked), { httpOnly: true, sameSite: "strict", path: "/" });
    return Response.json({ dir: picked[0] });
  } catch (error) {
    return errorResponse(error);
  }
}
