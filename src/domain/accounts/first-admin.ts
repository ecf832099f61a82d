// On an empty database, the first account: the system administrator (系统管理员), who then
// creates the office's accounts; a one-time password printed once.
import type { AppContext } from '../../context.ts';
import { countUsers } from '../../db/repositories/accounts.ts';
import { SYSTEM_ACTOR } from '../../audit/events.ts';
import { ensureRegion } from '../regions/ensure-region.ts';
import { createUser } from './manage-users.ts';

export async function createFirstAdmin(
  ctx: AppContext,
  opts: { regionCode: string },
): Promise<{ username: string; password: string } | null> {
  if ((await countUsers(ctx.db.kysely)) > 0) return null;
  await ensureRegion(ctx, { code: opts.regionCode, actor: SYSTEM_ACTOR });
  const { password } = await createUser(ctx, {
    actor: SYSTEM_ACTOR,
    username: 'sysadmin',
    displayName: '系统管理员',
    role: 'sysadmin',
    regionCode: opts.regionCode,
    unitId: null,
  });
  return { username: 'sysadmin', password };
}
