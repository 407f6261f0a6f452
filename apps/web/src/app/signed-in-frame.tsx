import { App } from 'antd';
import { Outlet } from 'react-router';

/**
 * antd's App (the message, notification and modal of `App.useApp()`) around the signed-in pages.
 * It is a chunk of its own: the login page does not need it.
 */
export function SignedInFrame() {
  return (
    <App>
      <Outlet />
    </App>
  );
}
