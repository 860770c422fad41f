/** The language menu: each language named in itself; the choice is kept in the link. */
import { useLingui } from '@lingui/react';
import { LOCALES, LOCALE_NAMES, type Locale } from '../../i18n/locales.ts';
import { useAppStore } from '../../state/store.ts';

export function LanguageMenu() {
  const { i18n } = useLingui();
  const setLocale = useAppStore((s) => s.setLocale);
  return (
    <label className="language-menu">
      {i18n._('lang.label')}{' '}
      <select
        value={i18n.locale}
        lang={i18n.locale}
        onChange={(e) => setLocale(LOCALES.find((l) => l === e.target.value) ?? null)}
      >
        {LOCALES.map((l: Locale) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
