import { NextResponse, type NextRequest } from "next/server";
import { hostProblem } from "@/lib/http/allowed-hosts";

/**
 * Every page, route, server action and asset answers only under a host name we serve, so a
 * DNS-rebinding page cannot read runs through the user's browser. One check, before routing.
 */
export function proxy(request: NextRequest) {
  const problem = hostProblem(request.headers.get("host"));
  if (!problem) return NextResponse.next();
  const message = `Refused: ${problem}.`;
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.json({ error: "host_not_allowed", message }, { status: 403 });
  return new NextResponse(message, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
