/** What the page calls the matrices. */
import { i18n } from '@lingui/core';
import type { MatrixId } from '../../state/store.ts';

const MATRIX_NAME: Record<MatrixId, string> = { lhs: 'names.lhs', rhs: 'names.rhs', result: 'names.result' };

/** A matrix's name, in the page's language. */
export const matrixName = (id: MatrixId): string => i18n._(MATRIX_NAME[id]);
