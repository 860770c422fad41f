/**
 * The link format, versioned:  #q1.<base64url(deflate(JSON))>[&embed=1]
 * The JSON holds one entry per persisted field of {@link FIELDS}. Decoding never throws: it
 * returns the restored fields or a typed LinkError. Sizes are capped before and after
 * decompression (no decompression bombs), and nothing from a link is ever rendered as HTML.
 */
import { deflateSync, Inflate } from 'fflate';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { FIELDS, type DataKey, type Field, type LinkData, type Persisted } from './fields.ts';
import { LinkError } from './linkError.ts';

/** The link format this build writes and reads. */
export const LINK_VERSION = 1;
/** Longest link fragment read (characters). */
const MAX_LINK_CHARS = 4_000_000;
/** Largest decompressed payload (bytes): two 512×512 matrices in decimal with room to spare. */
const MAX_PAYLOAD_BYTES = 16_000_000;

/** A decoded link: the fields it restores and whether it asks for embed mode. */
export type DecodedLink =
  | { readonly ok: true; readonly state: Persisted; readonly embed: boolean }
  | { readonly ok: false; readonly error: LinkError };

const persisted = (Object.keys(FIELDS) as DataKey[]).filter((k) => !('transient' in FIELDS[k]));

/** The link's JSON before compression: each persisted field's name and encoded value. */
export function linkPayload(state: LinkData): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const key of persisted) {
    const field = FIELDS[key] as Field<typeof key>;
    payload[field.name] = field.encode(state);
  }
  return payload;
}

/** The fragment (without '#') that restores `state`. */
export function encodeLink(state: LinkData, options: { embed?: boolean } = {}): string {
  const json = new TextEncoder().encode(JSON.stringify(linkPayload(state)));
  // Small states (the ones people share) get the best compression; big ones the fastest, so that
  // writing the link after an edit of a 512×512 matrix never freezes the page.
  const bytes = deflateSync(json, { level: json.length <= 65_536 ? 9 : 1 });
  return `q${LINK_VERSION}.${toBase64Url(bytes)}${options.embed ? '&embed=1' : ''}`;
}

/** Inflates in a stream and stops as soon as the output passes MAX_PAYLOAD_BYTES (no bombs). */
function inflateCapped(compressed: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const progress = { done: false };
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > MAX_PAYLOAD_BYTES) throw new LinkError('too-large', { kind: 'tooLarge' });
    chunks.push(chunk);
    progress.done = final;
  });
  try {
    inflater.push(compressed, true);
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError('truncated', { kind: 'damaged' });
  }
  if (!progress.done) throw new LinkError('truncated', { kind: 'cutOff' });
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function decodeOrThrow(fragment: string): { state: Persisted; embed: boolean } {
  if (fragment.length > MAX_LINK_CHARS) throw new LinkError('too-large', { kind: 'tooLong', chars: fragment.length });
  const match = /^#?q(\d+)\.([^&]*)((?:&[a-z]+=[0-9a-z]*)*)$/.exec(fragment);
  if (!match) throw new LinkError('malformed', { kind: 'notALink' });
  const [, version = '', data = '', flags = ''] = match;
  if (Number(version) !== LINK_VERSION) {
    throw new LinkError('version', { kind: 'version', found: Number(version), reads: LINK_VERSION });
  }
  const inflated = inflateCapped(fromBase64Url(data));
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch {
    throw new LinkError('truncated', { kind: 'damaged' });
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    throw new LinkError('malformed', { kind: 'notAState' });
  const record = payload as Record<string, unknown>;
  const state: Persisted = {};
  for (const key of persisted) {
    const field = FIELDS[key] as Field<typeof key>;
    const raw = record[field.name];
    if (raw !== undefined) Object.assign(state, { [key]: field.decode(raw) });
    else if (field.absent !== undefined) Object.assign(state, { [key]: field.absent });
  }
  const { lhs, rhs } = state;
  if (lhs && rhs && lhs.cols !== rhs.rows) {
    throw new LinkError('range', {
      kind: 'notMultipliable',
      lhsRows: lhs.rows,
      lhsCols: lhs.cols,
      rhsRows: rhs.rows,
      rhsCols: rhs.cols,
    });
  }
  return { state, embed: /&embed=1/.test(flags) };
}

/** Restores the fields a link carries, or says exactly why it cannot. Never throws. */
export function decodeLink(fragment: string): DecodedLink {
  try {
    return { ok: true, ...decodeOrThrow(fragment) };
  } catch (e) {
    return { ok: false, error: e instanceof LinkError ? e : new LinkError('malformed', { kind: 'notAState' }) };
  }
}
