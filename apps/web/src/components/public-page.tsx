import { Card } from 'antd';
import type { ReactNode } from 'react';
import { LanguageSwitch } from './language-switch.tsx';

// Apart from public-form-frame.tsx: the sign-in page uses this frame alone, and must not load
// the contract's schemas and the form components the link pages need.

/** The page a visitor sees without signing in: the language switch and one centred card. */
export function PublicPage({ children }: { children: ReactNode }) {
  return (
    <div className="auth-page">
      <div className="auth-page-top">
        <LanguageSwitch />
      </div>
      <main className="auth-page-main">
        <Card className="auth-card" variant="borderless">
          {children}
        </Card>
      </main>
    </div>
  );
}
