import type { I18n } from '@lingui/core';
import { Fragment, type ReactNode } from 'react';

/** Where a node goes in the translated text: private-use characters no message or number contains. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const SLOT = /\uE000(\w+)\uE001/;

/**
 * A message with React nodes (a formula with its markup, a number with its test id, a function
 * name in `<code>`) in place of the placeholders named in `nodes`, so that each language puts them
 * where its word order wants them; the other placeholders take `values` as usual.
 */
export function rich(
  i18n: I18n,
  id: string,
  values: Record<string, string | number>,
  nodes: Record<string, ReactNode>,
): ReactNode {
  const slots = Object.fromEntries(Object.keys(nodes).map((name) => [name, `${OPEN}${name}${CLOSE}`]));
  // split with a capturing group: text, slot name, text, slot name, …, text.
  const pieces = i18n._(id, { ...values, ...slots }).split(SLOT);
  return pieces.map((piece, k) => <Fragment key={k}>{k % 2 === 1 ? nodes[piece] : piece}</Fragment>);
}
