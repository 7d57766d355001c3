import "server-only";
import { Buffer, isAscii } from "node:buffer";

const utf8 = new TextDecoder("utf-8");

/**
 * UTF-8 decoding for the worker-log parser's `decode` hook. Logs are nearly all ASCII, and for
 * ASCII bytes a latin1 view is the same text: a vectorised ASCII check plus a plain copy is about
 * 7x quicker than TextDecoder (~1 ms per MB saved, ~13% of a parse). Anything else goes through
 * TextDecoder, so invalid bytes still become U+FFFD.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  if (!isAscii(bytes)) return utf8.decode(bytes);
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return buffer.toString("latin1");
}
