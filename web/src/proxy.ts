import { type NextRequest, NextResponse } from "next/server";
import { securityHeaders } from "./security-headers";

/**
 * Next's proxy (formerly middleware) runs before every page renders: a fresh nonce per request, put
 * into the request's CSP header where Next's renderer reads it, and the headers onto the response.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const headers = securityHeaders(nonce, { https, dev: process.env.NODE_ENV === "development" });
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", headers["content-security-policy"]);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// Hashed static files carry no inline code: they skip the proxy's work.
export const config = { matcher: ["/((?!_next/static|_next/image).*)"] };
