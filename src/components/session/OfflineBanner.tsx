import { useLingui } from '@lingui/react';
import { useOffline } from '../../app/offlineStore.ts';

/**
 * A new version waiting ("Reload to update": the page reloads only when asked, with the session
 * saved), or, once, that the app now works without a network.
 */
export function OfflineBanner() {
  const { i18n } = useLingui();
  const update = useOffline((s) => s.update);
  const ready = useOffline((s) => s.offlineReady);
  if (update) {
    return (
      <div role="status" className="notice info">
        <p>{i18n._('offline.updateReady')}</p>
        <button type="button" onClick={update}>
          {i18n._('offline.reload')}
        </button>
        <button type="button" onClick={() => useOffline.setState({ update: null })}>
          {i18n._('offline.later')}
        </button>
      </div>
    );
  }
  if (!ready) return null;
  return (
    <div role="status" className="notice info">
      <p>{i18n._('offline.ready')}</p>
      <button type="button" onClick={() => useOffline.setState({ offlineReady: false })}>
        {i18n._('notice.dismiss')}
      </button>
    </div>
  );
}
