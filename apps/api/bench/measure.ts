import autocannon from 'autocannon';

export interface Measurement {
  /** Completed operations (an operation may be several requests, e.g. detail + timeline). */
  operations: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Responses that were not 2xx, and connection errors or timeouts. */
  failures: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /**
   * The requests of one operation, in order, on one connection. Their latencies are summed:
   * detail + timeline is what the case page waits for when the two are fetched one after another.
   */
  requests: autocannon.Request[];
  /** Called with the first few failures' status and body, to say what went wrong. */
  onFailure?: (status: number, body: string) => void;
}

/**
 * Drives the server with autocannon and records every response's latency (autocannon's own
 * histogram has no p95). Latency is measured from when the request is written to when the
 * response has arrived, per connection, without pipelining.
 */
export async function measure(spec: LoadSpec): Promise<Measurement> {
  const latencies: number[] = [];
  const partial = new Map<object, { sum: number; count: number }>();
  let failures = 0;
  let reported = 0;
  const group = spec.requests.length;
  const requests = spec.requests.map((request) => ({
    ...request,
    onResponse: (status: number, body: string) => {
      if ((status < 200 || status > 299) && reported < 3 && spec.onFailure) {
        reported += 1;
        spec.onFailure(status, body.slice(0, 500));
      }
    },
  }));
  const started = process.hrtime.bigint();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        headers: spec.headers,
        connections: spec.connections,
        duration: spec.seconds,
        pipelining: 1,
        timeout: 30,
        requests,
      },
      (error: unknown, done) =>
        error
          ? reject(error instanceof Error ? error : new Error('autocannon failed'))
          : resolve(done),
    );
    instance.on('response', (client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode > 299) {
        failures += 1;
      }
      const current = partial.get(client) ?? { sum: 0, count: 0 };
      current.sum += responseTime;
      current.count += 1;
      if (current.count === group) {
        latencies.push(current.sum);
        partial.delete(client);
      } else {
        partial.set(client, current);
      }
    });
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    operations: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? NaN,
    // autocannon counts timeouts among its errors.
    failures: failures + result.errors,
  };
}
