// 法规制度 library and training records on both databases: use cases (search by title, 文号 and
// full text; revision audited with before and after; counts per year) and over HTTP (401, then
// 403 for a role or county that may not, then the happy path; a liaison reads but never writes).
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify-chain.ts';
import type { LibraryDocumentInput, TrainingYearCount } from '../../src/common/wire-library.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { addLibraryDocument } from '../../src/domain/library/add-library-document.ts';
import { countTrainingsByYear, listTrainingRecords } from '../../src/domain/library/list-trainings.ts';
import { recordTraining } from '../../src/domain/library/record-training.ts';
import { reviseLibraryDocument } from '../../src/domain/library/revise-library-document.ts';
import {
  getLibraryDocument,
  searchLibraryDocuments,
} from '../../src/domain/library/search-library-documents.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { json, loginCookie, multipart, testApp } from '../support/app.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR } from '../support/fixtures.ts';

const REGION = '640121';
const OTHER = '640122';
const PASSWORD = 'Library-Pass-2026';

const REGULATION: LibraryDocumentInput = {
  title: '机构编制工作条例',
  docNo: '中办发〔2019〕50号',
  issuer: '中共中央办公厅',
  issuedOn: '2019-08-05',
  effectiveOn: '2019-08-05',
  validity: 'valid',
  fullText: '第一条 为了加强党对机构编制工作的集中统一领导，规范机构编制管理……实行机构编制实名制管理。',
};
const MEASURES: LibraryDocumentInput = {
  title: '宁夏回族自治区机构编制管理办法',
  docNo: null,
  issuer: '自治区党委编办',
  issuedOn: '2021-03-01',
  effectiveOn: null,
  validity: 'valid',
  fullText: '事业单位登记管理按照本办法执行。',
};

describe.each(DIALECTS)('法规制度 and training records on %s', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  const principals = {} as Record<'clerk' | 'liaison' | 'other', Principal>;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestDb(dialect);
    const actor = { id: null, name: '测试' };
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [COUNTY_DIR], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    await ensureRegion(t.ctx, { code: OTHER, actor });
    const units = await unitIdsByCode(t.ctx.db.kysely, [REGION]);
    const liaisonUnit = units.get(`${REGION}/A03`) ?? null;
    for (const [username, role, regionCode] of [
      ['clerk', 'clerk', REGION],
      ['admin', 'admin', REGION],
      ['leader', 'leader', REGION],
      ['viewer', 'viewer', '640100'],
      ['liaison', 'liaison', REGION],
      ['other', 'admin', OTHER],
      ['sysadmin', 'sysadmin', REGION],
    ] as const) {
      const { id } = await createUser(t.ctx, {
        actor,
        username,
        displayName: username,
        role,
        regionCode,
        unitId: role === 'liaison' ? liaisonUnit : null,
        password: PASSWORD,
      });
      if (username === 'clerk' || username === 'liaison' || username === 'other')
        principals[username] = {
          userId: id,
          username,
          displayName: username,
          role,
          regionCode,
          unitId: role === 'liaison' ? liaisonUnit : null,
          mustChangePassword: false,
        };
    }
    app = await testApp(t);
    for (const u of ['clerk', 'admin', 'leader', 'viewer', 'liaison', 'other', 'sysadmin'])
      cookies[u] = await loginCookie(app, u, PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('adds documents, searches title, 文号 and full text, and keeps counties apart', async () => {
    const db = t.ctx.db.kysely;
    const reg = await addLibraryDocument(t.ctx, {
      principal: principals.clerk,
      regionCode: REGION,
      document: REGULATION,
    });
    await addLibraryDocument(t.ctx, { principal: principals.clerk, regionCode: REGION, document: MEASURES });
    await addLibraryDocument(t.ctx, { principal: principals.other, regionCode: OTHER, document: REGULATION });
    const search = (text?: string) =>
      searchLibraryDocuments(db, { principal: principals.clerk, regionCode: REGION, text });
    // Newest first; only this county's.
    expect((await search()).map((d) => d.title)).toEqual([MEASURES.title, REGULATION.title]);
    expect((await search('工作条例')).map((d) => d.id)).toEqual([reg.id]);
    expect((await search('〔2019〕50')).map((d) => d.id)).toEqual([reg.id]);
    expect((await search('实名制')).map((d) => d.id)).toEqual([reg.id]);
    expect((await search('登记管理')).map((d) => d.title)).toEqual([MEASURES.title]);
    // A LIKE wildcard typed by the user matches nothing by itself.
    expect(await search('%条例_不存在')).toEqual([]);
    // The list leaves the full text out; one document carries it.
    expect(Object.keys((await search('条例'))[0] ?? {})).not.toContain('fullText');
    expect(
      (await getLibraryDocument(db, { principal: principals.liaison, documentId: reg.id })).fullText,
    ).toBe(REGULATION.fullText);
    // Another county's administrator writes only in their own county.
    await expect(
      addLibraryDocument(t.ctx, { principal: principals.other, regionCode: REGION, document: MEASURES }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      addLibraryDocument(t.ctx, {
        principal: principals.clerk,
        regionCode: REGION,
        document: { ...MEASURES, effectiveOn: '2021-02-01' },
      }),
    ).rejects.toThrow('施行日期不能早于发布日期');
  });

  it('revises a document’s validity with the values before and after in the audit chain', async () => {
    const db = t.ctx.db.kysely;
    const doc = await addLibraryDocument(t.ctx, {
      principal: principals.clerk,
      regionCode: REGION,
      document: {
        ...REGULATION,
        title: '旧办法',
        docNo: '永编发〔2010〕1号',
        issuedOn: '2010-01-01',
        effectiveOn: null,
      },
    });
    await expect(
      reviseLibraryDocument(t.ctx, {
        principal: principals.other,
        documentId: doc.id,
        document: { ...REGULATION, validity: 'repealed' },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const revised = await reviseLibraryDocument(t.ctx, {
      principal: principals.clerk,
      documentId: doc.id,
      document: {
        ...REGULATION,
        title: '旧办法',
        docNo: '永编发〔2010〕1号',
        issuedOn: '2010-01-01',
        effectiveOn: null,
        validity: 'repealed',
      },
    });
    expect(revised.validity).toBe('repealed');
    const repealed = await searchLibraryDocuments(db, {
      principal: principals.clerk,
      regionCode: REGION,
      validity: 'repealed',
    });
    expect(repealed.map((d) => d.id)).toEqual([doc.id]);
    const event = await db
      .selectFrom('audit_events')
      .select(['summary', 'payload'])
      .where('action', '=', 'library.document')
      .where('entity_id', '=', String(doc.id))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.summary).toBe('修改法规制度：旧办法（失效）');
    expect(JSON.parse(event.payload)).toMatchObject({
      before: { validity: 'valid' },
      after: { validity: 'repealed', fullTextLength: REGULATION.fullText.length },
    });
    expect(await verifyAuditChain(db, t.ctx.auditKeys)).toMatchObject({ ok: true });
  });

  it('records trainings and counts them per year', async () => {
    const db = t.ctx.db.kysely;
    const sessions = [
      ['2022-12-30', 'study', 30],
      ['2023-03-10', 'study', 25],
      ['2023-06-01', 'lecture', 120],
      ['2023-11-20', 'lecture', 80],
      ['2023-12-31', 'study', 20],
    ] as const;
    for (const [heldOn, kind, attendance] of sessions) {
      await recordTraining(t.ctx, {
        principal: principals.clerk,
        training: {
          region: REGION,
          heldOn,
          topic: `${kind} ${heldOn}`,
          kind,
          attendance,
          materials: '条例解读',
        },
      });
    }
    await recordTraining(t.ctx, {
      principal: principals.other,
      training: {
        region: OTHER,
        heldOn: '2023-05-05',
        topic: '贺兰',
        kind: 'study',
        attendance: 9,
        materials: '',
      },
    });
    await expect(
      recordTraining(t.ctx, {
        principal: principals.liaison,
        training: {
          region: REGION,
          heldOn: '2023-05-05',
          topic: 'x',
          kind: 'study',
          attendance: 1,
          materials: '',
        },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // 2022: 1 study, 30 people. 2023: 2 study + 2 宣讲; 25 + 120 + 80 + 20 = 245.
    expect(await countTrainingsByYear(db, { principal: principals.liaison, regionCode: REGION })).toEqual([
      { year: 2022, study: 1, lecture: 0, attendance: 30 },
      { year: 2023, study: 2, lecture: 2, attendance: 245 },
    ]);
    const in2023 = await listTrainingRecords(db, {
      principal: principals.clerk,
      regionCode: REGION,
      year: 2023,
    });
    expect(in2023.map((s) => s.heldOn)).toEqual(['2023-12-31', '2023-11-20', '2023-06-01', '2023-03-10']);
  });

  describe('over HTTP', () => {
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, who?: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
        headers: who ? { cookie: cookies[who] ?? '' } : {},
      });
    const body = { region: REGION, ...MEASURES, title: '编办内部管理制度' };
    const training = {
      region: REGION,
      heldOn: '2024-04-01',
      topic: '宣讲条例',
      kind: 'lecture',
      attendance: 60,
      materials: 'PPT',
    };

    it('refuses anonymous callers', async () => {
      expect((await call('GET', `/api/library/documents?region=${REGION}`)).statusCode).toBe(401);
      expect((await call('POST', '/api/library/documents', undefined, body)).statusCode).toBe(401);
      expect((await call('GET', `/api/library/trainings/counts?region=${REGION}`)).statusCode).toBe(401);
    });

    it('refuses writers other than the office, and other counties', async () => {
      for (const who of ['leader', 'viewer', 'liaison', 'sysadmin', 'other']) {
        const res = await call('POST', '/api/library/documents', who, body);
        expect(res.statusCode, who).toBe(403);
        expect((await call('POST', '/api/library/trainings', who, training)).statusCode, who).toBe(403);
      }
      const [first] = json<{ id: number }[]>(
        await call('GET', `/api/library/documents?region=${REGION}`, 'clerk'),
      );
      expect(
        (await call('PUT', `/api/library/documents/${first?.id ?? 0}`, 'liaison', MEASURES)).statusCode,
      ).toBe(403);
      expect(
        (await call('PUT', `/api/library/documents/${first?.id ?? 0}`, 'other', MEASURES)).statusCode,
      ).toBe(403);
      // 三员 read no business data; another county's administrator does not read this one's.
      expect((await call('GET', `/api/library/documents?region=${REGION}`, 'sysadmin')).statusCode).toBe(403);
      expect((await call('GET', `/api/library/trainings?region=${REGION}`, 'other')).statusCode).toBe(403);
    });

    it('lets the office add and revise, and every business role read', async () => {
      const created = await call('POST', '/api/library/documents', 'admin', body);
      expect(created.statusCode).toBe(201);
      const doc = json<{ id: number; title: string; validity: string }>(created);
      expect(doc).toMatchObject({ title: '编办内部管理制度', validity: 'valid' });
      const put = await call('PUT', `/api/library/documents/${doc.id}`, 'clerk', {
        ...MEASURES,
        title: '编办内部管理制度',
        validity: 'amended',
      });
      expect(put.statusCode).toBe(200);
      expect(json<{ validity: string }>(put).validity).toBe('amended');
      for (const who of ['leader', 'viewer', 'liaison']) {
        const found = await call(
          'GET',
          `/api/library/documents?region=${REGION}&q=${encodeURIComponent('内部管理')}`,
          who,
        );
        expect(found.statusCode, who).toBe(200);
        expect(json<{ id: number }[]>(found).map((d) => d.id)).toEqual([doc.id]);
        expect((await call('GET', `/api/library/documents/${doc.id}`, who)).statusCode).toBe(200);
      }
      expect((await call('POST', '/api/library/trainings', 'clerk', training)).statusCode).toBe(201);
      const counts = json<TrainingYearCount[]>(
        await call('GET', `/api/library/trainings/counts?region=${REGION}`, 'leader'),
      );
      expect(counts.find((c) => c.year === 2024)).toEqual({
        year: 2024,
        study: 0,
        lecture: 1,
        attendance: 60,
      });
      const bad = await call('POST', '/api/library/trainings', 'clerk', { ...training, attendance: -1 });
      expect(bad.statusCode).toBe(400);
    });
    it('attaches files to a document and a training record: office only, allowed types, read by every business role', async () => {
      const db = t.ctx.db.kysely;
      const doc = (await searchLibraryDocuments(db, { principal: principals.clerk, regionCode: REGION }))[0];
      const session = (await listTrainingRecords(db, { principal: principals.clerk, regionCode: REGION }))[0];
      if (!doc || !session) throw new Error('fixture missing');
      const pdf = Buffer.from('%PDF-1.7 条例全文扫描件');
      const upload = (url: string, who: string | undefined, name: string, content: Buffer) => {
        const body = multipart([{ name, content }], {});
        return app.inject({
          method: 'POST',
          url,
          payload: body.payload,
          headers: { ...body.headers, ...(who ? { cookie: cookies[who] ?? '' } : {}) },
        });
      };
      const docUrl = `/api/library/documents/${doc.id}/attachments`;
      expect((await upload(docUrl, undefined, '条例.pdf', pdf)).statusCode).toBe(401);
      for (const who of ['leader', 'liaison', 'sysadmin', 'other'])
        expect((await upload(docUrl, who, '条例.pdf', pdf)).statusCode, who).toBe(403);
      // An .html renamed to .pdf, and a type not on the list, are refused.
      const renamed = await upload(docUrl, 'clerk', '条例.pdf', Buffer.from('<html><script>1</script>'));
      expect(renamed.statusCode).toBe(400);
      expect(renamed.body).toContain('文件内容与扩展名 .pdf 不符');
      expect((await upload(docUrl, 'clerk', '条例.html', Buffer.from('<html>'))).statusCode).toBe(400);
      expect(
        (await upload(`/api/library/documents/999999/attachments`, 'clerk', '条例.pdf', pdf)).statusCode,
      ).toBe(404);

      const saved = await upload(docUrl, 'clerk', '条例.pdf', pdf);
      expect(saved.statusCode).toBe(200);
      const [file] = json<{ id: number; fileName: string; size: number; sha256: string }[]>(saved);
      expect(file).toMatchObject({
        fileName: '条例.pdf',
        size: pdf.length,
        sha256: crypto.createHash('sha256').update(pdf).digest('hex'),
      });
      const detail = await getLibraryDocument(db, { principal: principals.liaison, documentId: doc.id });
      expect(detail.attachments.map((a) => a.fileName)).toEqual(['条例.pdf']);
      for (const who of ['leader', 'viewer', 'liaison']) {
        const got = await call('GET', `/api/library/attachments/${file?.id ?? 0}`, who);
        expect(got.statusCode, who).toBe(200);
        expect(got.headers['content-type']).toBe('application/pdf');
        expect(got.rawPayload.equals(pdf)).toBe(true);
      }
      expect((await call('GET', `/api/library/attachments/${file?.id ?? 0}`, 'other')).statusCode).toBe(403);
      expect((await call('GET', `/api/library/attachments/${file?.id ?? 0}`, 'sysadmin')).statusCode).toBe(
        403,
      );
      expect((await call('GET', '/api/library/attachments/999999', 'clerk')).statusCode).toBe(404);

      // A training record's materials, listed with the record.
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
      const trainingUrl = `/api/library/trainings/${session.id}/attachments`;
      expect((await upload(trainingUrl, 'liaison', '签到表.png', png)).statusCode).toBe(403);
      expect((await upload(trainingUrl, 'admin', '签到表.png', png)).statusCode).toBe(200);
      const listed = json<{ id: number; attachments: { fileName: string; mediaType: string }[] }[]>(
        await call('GET', `/api/library/trainings?region=${REGION}`, 'liaison'),
      );
      expect(listed.find((x) => x.id === session.id)?.attachments).toMatchObject([
        { fileName: '签到表.png', mediaType: 'image/png' },
      ]);
      expect(listed.filter((x) => x.id !== session.id).every((x) => x.attachments.length === 0)).toBe(true);

      const events = await db
        .selectFrom('audit_events')
        .select(['entity_type', 'entity_id', 'summary'])
        .where('action', '=', 'library.attachment')
        .orderBy('id')
        .execute();
      expect(events.map((e) => [e.entity_type, e.entity_id])).toEqual([
        ['library_document', String(doc.id)],
        ['training', String(session.id)],
      ]);
      expect(events[0]?.summary).toContain(`法规制度文件 ${doc.id} 上传附件 条例.pdf（${pdf.length} 字节`);
      expect(await verifyAuditChain(db, t.ctx.auditKeys)).toMatchObject({ ok: true });
    });
  });
});
