import { Button, type ButtonProps, Tooltip } from 'antd';
import type { ReactNode } from 'react';

/** A small icon button named by its tooltip (the name is also its accessible label). */
export function IconAction({ label, icon, ...props }: { label: string; icon: ReactNode } & ButtonProps) {
  return (
    <Tooltip title={label}>
      <Button type="text" size="small" icon={icon} aria-label={label} {...props} />
    </Tooltip>
  );
}
