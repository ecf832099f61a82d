// 及时性: the county's matters not implemented (or recorded) within the working days allowed,
// and the setting of those working days, holidays and 调休 working days (administrator).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegionCode } from '../../common/wire.ts';
import { TimelinessSettingsInput } from '../../common/wire-timeliness.ts';
import type { AppContext } from '../../context.ts';
import { authorize } from '../../domain/accounts/authorize.ts';
import { timelinessReport } from '../../domain/timeliness/overdue.ts';
import { setTimelinessSettings } from '../../domain/timeliness/settings.ts';
import { principal } from '../principal.ts';

export async function timelinessRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  r.get(
    '/api/timeliness',
    {
      schema: {
        tags: ['及时性'],
        summary: '审议决定后未及时组织实施、录入不及时的事项，及本县的工作日要求',
        querystring: z.object({ region: RegionCode }),
      },
    },
    async (req) => {
      await authorize(ctx.db.kysely, principal(req), 'timeliness.read', {
        region: req.query.region,
        wholeRegion: true,
      });
      return timelinessReport(ctx.db.kysely, { regionCode: req.query.region });
    },
  );

  r.put(
    '/api/timeliness/settings',
    {
      schema: {
        tags: ['及时性'],
        summary: '设置及时性要求：工作日数、节假日、调休工作日（编办管理员）',
        body: TimelinessSettingsInput,
      },
    },
    async (req) =>
      setTimelinessSettings(ctx, {
        principal: principal(req),
        regionCode: req.body.region,
        workingDays: req.body.workingDays,
        holidays: req.body.holidays,
        extraWorkdays: req.body.extraWorkdays,
      }),
  );
}
