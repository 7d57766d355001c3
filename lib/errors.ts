/** What kind of failure; each maps to one HTTP status and one CLI exit code. */
export type ErrorCode = "bad_input" | "not_found" | "write_refused" | "conflict" | "too_large" | "unreadable";

/** `unreadable`: the run exists but its file cannot be read or parsed, which the request cannot fix. */
const STATUS: Record<ErrorCode, number> = { bad_input: 400, not_found: 404, write_refused: 403, conflict: 409, too_large: 413, unreadable: 422 };

/** An expected failure with a message meant for the person using the tool. */
export class SrtlogError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "SrtlogError";
  }

  get status(): number {
    return STATUS[this.code];
  }

  toResponse(): Response {
    return Response.json({ error: this.code, message: this.message, details: this.details }, { status: this.status });
  }
}

/** Turn anything thrown into a Response; unexpected errors are logged and answered with a generic 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof SrtlogError) return error.toResponse();
  console.error(error);
  return Response.json({ error: "internal", message: "Something went wrong; the server log has the details." }, { status: 500 });
}
