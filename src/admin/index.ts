import type { Knex } from 'knex';
import type { Router } from 'express';
import type { Config } from '../config/config-types';
import { ADMIN_PATH } from './admin-paths';
import { createAdminRouter } from './admin-routes';
import type { AdminDeps } from './admin-types';
import { createRequestLogStore } from './request-log-store';

export { createAdminRouter } from './admin-routes';
export type { AdminDeps, AdminFiscalPort } from './admin-types';

export interface AdminMountOptions extends Omit<
  AdminDeps,
  'credentials' | 'companyKey' | 'timeZone' | 'testCompany' | 'requestLog'
> {
  knex: Knex;
  config: Pick<Config, 'adminUser' | 'adminPassword' | 'timeZone' | 'company'>;
}

/**
 * The admin pages as the composition root mounts them: `{ path: '/admin', router }` for
 * createApp's `routes`. The ATOL request log is read through the admin's own store.
 */
export function createAdminMount(options: AdminMountOptions): { path: string; router: Router } {
  const { knex, config, ...services } = options;
  const router = createAdminRouter({
    ...services,
    credentials: { user: config.adminUser, password: config.adminPassword },
    companyKey: config.company.key,
    timeZone: config.timeZone,
    testCompany: config.company.isTestCompany,
    requestLog: createRequestLogStore(knex, config.company.key),
  });
  return { path: ADMIN_PATH, router };
}
