import http from "node:http";

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/**
 * POSTs `chunks` to `url` with chunked transfer (no Content-Length), as a
 * stream would, honouring backpressure; resolves with the answer or rejects
 * with a socket error.
 */
export function postChunked(url: string, chunks: Iterable<Buffer>, options: { contentType: string; agent?: http.Agent }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent: options.agent, headers: { "content-type": options.contentType } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    const iterator = chunks[Symbol.iterator]();
    const write = () => {
      for (;;) {
        const next = iterator.next();
        if (next.done) {
          req.end();
          return;
        }
        if (!req.write(next.value)) {
          req.once("drain", write);
          return;
        }
      }
    };
    write();
  });
}

/** `total` bytes (rounded up to whole chunks) as repeated copies of `chunk`. */
export function* repeatedChunks(chunk: Buffer, total: number): Generator<Buffer> {
  for (let sent = 0; sent < total; sent += chunk.byteLength) yield chunk;
}
