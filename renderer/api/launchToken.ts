/**
 * The browser-mode host hands out a per-launch token in the URL fragment (#token=<hex>). The
 * fragment never reaches server logs; we keep the token in sessionStorage so a reload still works,
 * and take it out of the address bar so it is not bookmarked, shared or shoulder-surfed.
 */
const storageKey = 'workstation.token';
const tokenPattern = /^[0-9a-f]{16,256}$/i;

export interface LaunchContext {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

export function takeLaunchToken({ location, history, storage }: LaunchContext): string | null {
  const fromFragment = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromFragment !== null) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    if (tokenPattern.test(fromFragment)) {
      storage.setItem(storageKey, fromFragment);
      return fromFragment;
    }
  }
  const stored = storage.getItem(storageKey);
  return stored !== null && tokenPattern.test(stored) ? stored : null;
}
