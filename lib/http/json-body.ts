import { describeJsonError } from "../json-members";
import { SrtlogError } from "../errors";

/** Tag edits are a few short strings; anything near this size is not one. */
export const MAX_JSON_BODY = 64 * 1024;

const tooLarge = (limit: number) => new SrtlogError("too_large", `request body is larger than ${limit / 1024} KB`);

/** The body's bytes, stopping (413) as soon as they pass `limit`, before anything is parsed. */
async function readLimited(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A request's JSON body: 413 past `limit`, 400 naming the position when it is not JSON. */
export async function readJsonBody(request: Request, limit = MAX_JSON_BODY): Promise<unknown> {
  const text = await readLimited(request, limit);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SrtlogError("bad_input", `request body is not valid JSON: ${describeJsonError(text)}`);
  }
}
