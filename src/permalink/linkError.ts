/** Why a link could not be restored: a typed error the page explains, never a crash. */

/** The kinds of bad link. */
export type LinkErrorKind = 'malformed' | 'truncated' | 'version' | 'range' | 'too-large';

/** A link that cannot be restored, with a message for a person. */
export class LinkError extends Error {
  constructor(
    readonly kind: LinkErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'LinkError';
  }
}
