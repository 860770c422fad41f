import { useLingui } from '@lingui/react';
import type { QuantizationParams, Scheme } from '../../engine/index.ts';
import { formatScale, formatShort } from '../../viz/format.ts';
import { signed } from '../../viz/int64.ts';
import { groupName } from '../common/schemeText.ts';

/** Rows shown at most (the caption says how many there are). */
const SHOWN = 16;

/** (S, Z) of every channel or block, each from its own min and max. */
export function GroupTable({
  label,
  scheme,
  groups,
  shape,
  selected,
  onSelect,
}: {
  label: string;
  scheme: Scheme;
  groups: readonly QuantizationParams[];
  shape: { rows: number; cols: number };
  /** The group whose number line is drawn. */
  selected: number;
  onSelect: (group: number) => void;
}) {
  const { i18n } = useLingui();
  return (
    <div
      className="table-scroll"
      tabIndex={0}
      role="region"
      aria-label={i18n._('params.groupsName', { matrix: label })}
    >
      <table className="group-table">
        <caption className="muted">
          {groups.length > SHOWN
            ? i18n._('params.groupsFirst', { shown: SHOWN, count: groups.length })
            : i18n._('params.groupsAll', { count: groups.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{i18n._('params.group')}</th>
            <th scope="col">min</th>
            <th scope="col">max</th>
            <th scope="col">S</th>
            <th scope="col">Z</th>
          </tr>
        </thead>
        <tbody>
          {groups.slice(0, SHOWN).map((p, g) => (
            <tr key={g} className={g === selected ? 'is-selected' : undefined}>
              <th scope="row">
                <button type="button" aria-pressed={g === selected} onClick={() => onSelect(g)}>
                  {groupName(scheme, g, shape)}
                </button>
              </th>
              <td>{formatShort(p.observedMin, 5)}</td>
              <td>{formatShort(p.observedMax, 5)}</td>
              <td>{formatScale(p.scale)}</td>
              <td>{signed(p.zeroPoint)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
