import { Transform, type TransformCallback } from "node:stream";

const crlf = Buffer.from("\r\n");

/**
 * Turns the LF that ends each CSV record into CRLF, as Excel expects, while newlines inside
 * quoted fields (a citizen's comment over two lines) stay as they are. Tracks quote state
 * across chunks: in CSV a quote always toggles it ("" inside a field toggles twice).
 */
export class CrlfRecords extends Transform {
  private inQuotes = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const parts: Buffer[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i];
      if (byte === 0x22) {
        this.inQuotes = !this.inQuotes;
      } else if (byte === 0x0a && !this.inQuotes) {
        parts.push(chunk.subarray(start, i), crlf);
        start = i + 1;
      }
    }
    if (parts.length === 0) {
      done(null, chunk);
      return;
    }
    parts.push(chunk.subarray(start));
    done(null, Buffer.concat(parts));
  }
}
