/**
 * A worker that writes links: encoding a large state (deflate of two 256×256 matrices) takes
 * tens of milliseconds, which the page's thread should spend on frames. See offThread.ts.
 */
import { encodeLink } from './codec.ts';
import type { EncodeReply, EncodeRequest } from './offThread.ts';

// The worker's global scope (the project's types describe a window).
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<EncodeRequest>) => void) | null;
  postMessage(reply: EncodeReply): void;
};

scope.onmessage = (e) => {
  const { id, data, embed } = e.data;
  scope.postMessage({ id, fragment: encodeLink(data, { embed }) });
};
