import { defineModule } from '../../module-manifest.ts';
import { seedDemoCheckIns } from './demo-seed.ts';
import { checkInRoutes } from './routes.ts';
import { checkInChangeable, checkInsOnTimeline, checkInVisible, ENTITY } from './service.ts';

const fieldWork = ['check-ins:view', 'check-ins:create'] as const;

/** 签到 (attendance, visits, activities with a stamped live photo) and 考勤 (attendance per day). */
export const manifest = defineModule({
  name: 'check-ins',
  routes: [checkInRoutes],
  permissions: ['check-ins', 'attendance'],
  // who works in the field checks in and sees their own (their role's scope: own); supervisors
  // see their subtree's and its attendance; executives everyone's without checking in themselves
  defaultGrants: {
    executive: ['check-ins:view', 'attendance:view'],
    sales_supervisor: [...fieldWork, 'attendance:view'],
    account_manager: [...fieldWork, 'attendance:view'],
    marketing: fieldWork,
    service: fieldWork,
  },
  // the photo and its stamped copy: seen with the check-in, never changed after it
  fileEntities: [{ entity: ENTITY, canSee: checkInVisible, canChange: checkInChangeable }],
  // visits move with a merged customer; on its timeline only those in the caller's check-ins scope
  customerChildren: [
    { table: 'check_ins', column: 'customer_id', entity: ENTITY, visibleTo: checkInsOnTimeline },
  ],
  seedDemo: seedDemoCheckIns,
});
