import { useEffect, useState } from 'react';

export type Fix = { lat: number; lng: number; accuracy: number };
export type LocationState =
  | { status: 'locating'; fix?: undefined }
  | { status: 'ok'; fix: Fix }
  | { status: 'denied' | 'unavailable'; fix?: undefined };

/**
 * Where the phone is, kept current while the screen is open (the fix gets better as the GPS
 * settles, and the accuracy shown with it tells the user whether to wait a moment).
 */
export function useLocation(active: boolean): LocationState & { retry: () => void } {
  const [state, setState] = useState<LocationState>({ status: 'locating' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the retry's signal to ask again
  useEffect(() => {
    if (!active) return;
    if (!navigator.geolocation) {
      setState({ status: 'unavailable' });
      return;
    }
    setState({ status: 'locating' });
    const id = navigator.geolocation.watchPosition(
      (p) =>
        setState({
          status: 'ok',
          fix: { lat: p.coords.latitude, lng: p.coords.longitude, accuracy: Math.round(p.coords.accuracy) },
        }),
      (error) =>
        // a timeout keeps the last fix (if any): the watch goes on
        setState((s) =>
          error.code === error.PERMISSION_DENIED
            ? { status: 'denied' }
            : error.code === error.TIMEOUT && s.fix
              ? s
              : { status: 'unavailable' },
        ),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 20_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [active, attempt]);

  return { ...state, retry: () => setAttempt((n) => n + 1) } as LocationState & { retry: () => void };
}
