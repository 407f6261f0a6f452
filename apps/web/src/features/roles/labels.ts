import type { TFunction } from 'i18next';

type LooseT = (key: string, options: { defaultValue: string }) => string;

/** Localised module name, e.g. `users` → 用户; unknown modules (added later) show their key. */
export function moduleLabel(t: TFunction, module: string): string {
  return (t as unknown as LooseT)(`modules.${module}`, { defaultValue: module });
}

/** Localised action name, e.g. `view` → 查看. */
export function actionLabel(t: TFunction, action: string): string {
  return (t as unknown as LooseT)(`permissionActions.${action}`, { defaultValue: action });
}

/** Localised field name of a module, e.g. `users.phone` → 手机. */
export function fieldLabel(t: TFunction, module: string, field: string): string {
  return (t as unknown as LooseT)(`moduleFields.${module}.${field}`, { defaultValue: field });
}
