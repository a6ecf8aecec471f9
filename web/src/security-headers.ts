/**
 * The portal's own security headers, sent on every response by the proxy (src/proxy.ts) so the
 * local platform and the cloud answer alike; CloudFront's response-headers policy only repeats some.
 *
 * Scripts and style elements run only with this request's nonce: Next puts it on its own inline
 * scripts when it finds a nonce in the request's Content-Security-Policy, and `strict-dynamic` lets
 * the scripts they load run too. The portal has no inline `style` attributes, so styles need no
 * `unsafe-inline`. The dev server evaluates code (React's call stacks), so `next dev` adds `unsafe-eval`.
 */
export function securityHeaders(nonce: string, { https, dev }: { https: boolean; dev: boolean }) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    // frame-ancestors says it to current browsers; X-Frame-Options to the older ones.
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
    // Only over https: a browser ignores it on http, and localhost must stay reachable by http.
    ...(https && { "strict-transport-security": "max-age=63072000; includeSubDomains" }),
  };
}
