// Stand-in for the Next.js standalone server when the portal has not been built (`next build`
// writes web/.next/standalone). Same contract as the real one: an HTTP server on $PORT behind the
// Lambda Web Adapter, so the stack is identical either way.
import { createServer } from "node:http";

const port = Number(process.env.PORT ?? 3000);
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>MedLoop</title></head>
<body><h1>MedLoop</h1><p>The portal has not been built for this deployment. Run <code>next build</code> in web/ and deploy again.</p></body></html>`;

createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(page);
}).listen(port, process.env.HOSTNAME ?? "127.0.0.1");
