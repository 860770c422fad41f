/** React hooks over the store and the derived selectors. */
import { useAppStore } from './store.ts';
import type { MatrixId } from './store.ts';
import { productView, selectTensor, type Derived, type ProductView, type TensorView } from './derived.ts';

/** The derived view of a matrix; re-renders only when that view changes. */
export function useTensor(id: MatrixId): Derived<TensorView> {
  return useAppStore((s) => selectTensor(s, id));
}

/** The integer-only product. */
export function useProduct(): Derived<ProductView> {
  return useAppStore((s) => productView(s.lhs, s.rhs));
}
