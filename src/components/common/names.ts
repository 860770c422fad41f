/** What the page calls the matrices. */
import type { MatrixId } from '../../state/store.ts';

/** Each matrix's name. */
export const MATRIX_LABEL: Record<MatrixId, string> = { lhs: 'LHS', rhs: 'RHS', result: 'Result' };
