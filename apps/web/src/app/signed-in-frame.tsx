import { App } from 'antd';
import { useEffect } from 'react';
import { Outlet } from 'react-router';

/**
 * antd's App (the message, notification and modal of `App.useApp()`) around the signed-in pages.
 * It is a chunk of its own: the login page does not need it.
 */
export function SignedInFrame() {
  // Check-ins made offline are sent as soon as the app starts, on whichever page it opens, and
  // the track runs while on duty (a chunk of its own: most pages never need it).
  useEffect(() => {
    import('../features/field/sync.ts').then(
      (m) => m.startFieldSync(),
      () => {}, // no code offline before it was cached: the field page starts it when it opens
    );
  }, []);
  return (
    <App>
      <Outlet />
    </App>
  );
}
