/** base64url (RFC 4648 §5, no padding) for bytes, with readable errors. */
import { LinkError } from './linkError.ts';

/** Bytes → base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url → bytes; throws a LinkError for characters outside the alphabet or a cut-off tail. */
export function fromBase64Url(text: string, where: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text))
    throw new LinkError('malformed', `${where}: contains characters a link never has.`);
  if (text.length % 4 === 1) throw new LinkError('truncated', `${where}: the data is cut off.`);
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
