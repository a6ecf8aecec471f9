// Runs one autocannon load in a worker thread, so the load generator does not share the event
// loop (or the core) of the server under test. Posts back the summary and every latency sample.
import { parentPort, workerData } from "node:worker_threads";
import autocannon from "autocannon";

const latencies = [];
const instance = autocannon(workerData);
instance.on("response", (_client, status, _bytes, ms) => {
  if (status < 400) latencies.push(ms);
});
const result = await instance;
parentPort.postMessage({
  // Requests per second over the whole run (the summary histograms arrive encoded).
  requests: result.totalCompletedRequests / result.duration,
  errors: result.errors + result.non2xx,
  latencies,
});
