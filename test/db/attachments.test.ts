// The one attachment store on both databases: a matter's, a 法规制度 document's and a training
// record's files go in and come back by owner, each owner seeing only its own files (oldest
// first), and a download names the owner the caller authorizes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentContent, attachmentsOf, insertAttachment } from '../../src/db/repositories/attachments.ts';
import { insertLibraryDocument, insertTraining } from '../../src/db/repositories/library.ts';
import { insertMatter } from '../../src/db/repositories/matters.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';

const REGION = '640121';
const actor = { id: null, name: '测试' };

describe.each(DIALECTS)('attachment store on %s', (dialect) => {
  let t: TestDb;
  let by: number;
  let matterId: number;
  let documentId: number;
  let trainingId: number;
  const at = '2026-06-30T08:00:00.000Z';
  const file = (name: string, bytes: number[]) => ({
    fileName: name,
    mediaType: 'application/pdf',
    content: Buffer.from(bytes),
    sha256: name.padEnd(64, '0').slice(0, 64),
    by,
    at,
  });

  beforeAll(async () => {
    t = await openTestDb(dialect);
    await ensureRegion(t.ctx, { code: REGION, actor });
    ({ id: by } = await createUser(t.ctx, {
      actor,
      username: 'clerk',
      displayName: '业务员',
      role: 'clerk',
      regionCode: REGION,
      unitId: null,
    }));
    const db = t.ctx.db.kysely;
    matterId = await insertMatter(db, {
      regionCode: REGION,
      title: '附件事项',
      reasons: '测试',
      changes: '[]',
      proposerId: by,
      proposerUnitId: null,
      at,
    });
    documentId = await insertLibraryDocument(db, {
      regionCode: REGION,
      title: '条例',
      docNo: null,
      issuer: '编办',
      issuedOn: '2026-01-01',
      effectiveOn: null,
      validity: 'valid',
      fullText: '正文',
      at,
      by,
    });
    trainingId = await insertTraining(db, {
      regionCode: REGION,
      heldOn: '2026-03-01',
      topic: '学习',
      kind: 'study',
      attendance: 10,
      materials: '',
      at,
      by,
    });
  });
  afterAll(async () => t.destroy());

  it('keeps each owner’s files apart and returns each file with its owner', async () => {
    const db = t.ctx.db.kysely;
    const m1 = await insertAttachment(db, {
      owner: { matterId, stepId: null },
      ...file('m1.pdf', [1, 2, 3]),
    });
    const d1 = await insertAttachment(db, {
      owner: { documentId, regionCode: REGION },
      ...file('d1.pdf', [4]),
    });
    const m2 = await insertAttachment(db, { owner: { matterId, stepId: null }, ...file('m2.pdf', [0, 255]) });
    const t1 = await insertAttachment(db, {
      owner: { trainingId, regionCode: REGION },
      ...file('t1.pdf', [5, 6]),
    });

    const matters = await attachmentsOf(db, 'matter', [matterId, matterId + 1000]);
    expect(matters.get(matterId)?.map((a) => [a.id, a.fileName, a.size, a.stepId])).toEqual([
      [m1, 'm1.pdf', 3, null],
      [m2, 'm2.pdf', 2, null],
    ]);
    expect(matters.get(matterId + 1000)).toEqual([]);
    expect((await attachmentsOf(db, 'document', [documentId])).get(documentId)).toEqual([
      {
        id: d1,
        stepId: null,
        fileName: 'd1.pdf',
        mediaType: 'application/pdf',
        size: 1,
        sha256: file('d1.pdf', []).sha256,
        uploadedAt: at,
      },
    ]);
    expect((await attachmentsOf(db, 'training', [trainingId])).get(trainingId)?.map((a) => a.id)).toEqual([
      t1,
    ]);
    expect(await attachmentsOf(db, 'document', [])).toEqual(new Map());

    const m2File = await attachmentContent(db, 'matter', m2);
    expect(m2File).toEqual({
      owner: { matterId, stepId: null },
      fileName: 'm2.pdf',
      mediaType: 'application/pdf',
      content: Buffer.from([0, 255]),
    });
    expect((await attachmentContent(db, 'library', d1))?.owner).toEqual({ documentId, regionCode: REGION });
    expect((await attachmentContent(db, 'library', t1))?.owner).toEqual({ trainingId, regionCode: REGION });
    expect((await attachmentContent(db, 'library', t1))?.content).toEqual(Buffer.from([5, 6]));
    expect(await attachmentContent(db, 'matter', 999_999)).toBeUndefined();
  });
});
