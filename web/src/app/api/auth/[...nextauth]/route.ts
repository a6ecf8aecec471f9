import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions } from "@/auth/options";

// Options are built per request so the environment is validated at run time, not at build time.
type Context = { params: Promise<{ nextauth: string[] }> };
const handler = (req: NextRequest, ctx: Context) => NextAuth(req, ctx, authOptions());

export { handler as GET, handler as POST };
