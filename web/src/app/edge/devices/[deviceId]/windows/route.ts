import { NextResponse } from "next/server";
import { auth } from "@/auth";
import { canSeeEdge } from "@/kinds";
import { ApiError, api } from "@/server/api";

/** What the live chart polls: the device's windows of the last 30 minutes, with the user's own token. */
const SPAN_MS = 30 * 60_000;

export async function GET(_req: Request, ctx: { params: Promise<{ deviceId: string }> }) {
  const session = await auth();
  if (!session) return NextResponse.json({ error: { code: "session-expired" } }, { status: 401 });
  if (!canSeeEdge(session.user)) return NextResponse.json({ error: { code: "role-not-allowed" } }, { status: 403 });
  const { deviceId } = await ctx.params;
  const now = Date.now();
  try {
    const { items } = await api.telemetry.devices.deviceWindows({
      params: { deviceId },
      query: { from: now - SPAN_MS, to: now },
    });
    return NextResponse.json({ items, at: now }, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return NextResponse.json({ error: { code: e.code } }, { status: e.status });
  }
}
