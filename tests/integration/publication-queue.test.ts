/**
 * The queue of publications on a real migrated SQLite file: one at a time, a second request
 * while one builds is queued (not doubled), a third joins the one waiting; a roll back is its
 * own request; what a stopped server left building fails with a reason; all of it audited.
 */
import { describe, expect, it } from 'vitest';
import { listAudit } from '~/lib/server/audit';
import { failInterruptedPublications, finishPublication, getPublication, requestPublication, startNextPublication } from '~/lib/server/publishing/store';
import { useTestDatabase } from '../helpers/db';

const testDb = useTestDatabase('publications');
const actor = { actorId: null, ip: '127.0.0.1' };

describe('publications', () => {
  it('queues one at a time and never doubles a waiting one', () => {
    void testDb();
    const a = requestPublication('publish', actor);
    expect(a).toMatchObject({ joined: false, publication: { state: 'queued', kind: 'publish' } });
    expect(startNextPublication()?.id).toBe(a.publication.id);
    expect(getPublication(a.publication.id)?.state).toBe('building');
    expect(startNextPublication()).toBeNull();
    const b = requestPublication('publish', actor);
    expect(b.joined).toBe(false);
    const c = requestPublication('publish', actor);
    expect(c).toMatchObject({ joined: true, publication: { id: b.publication.id, state: 'queued' } });
    const back = requestPublication('rollback', actor, '20261201-020304-aaaa');
    expect(back.publication).toMatchObject({ kind: 'rollback', targetBuild: '20261201-020304-aaaa', state: 'queued' });
    finishPublication(a.publication.id, { state: 'live', buildId: '20261201-030000-bbbb', message: 'Đã xuất bản.' });
    expect(getPublication(a.publication.id)).toMatchObject({ state: 'live', buildId: '20261201-030000-bbbb' });
    expect(startNextPublication()?.id).toBe(b.publication.id);
    finishPublication(b.publication.id, { state: 'failed', message: 'Chưa xuất bản: 1 lỗi.', errors: [{ file: 'fairs/x/index.md', field: 'boothTypes.0.count', label: 'Loại gian hàng › thứ 1 › Số gian', message: 'cần ít nhất 1 gian' }] });
    expect(getPublication(b.publication.id)?.errors).toEqual([{ file: 'fairs/x/index.md', field: 'boothTypes.0.count', label: 'Loại gian hàng › thứ 1 › Số gian', message: 'cần ít nhất 1 gian' }]);
    expect(startNextPublication()?.id).toBe(back.publication.id);
    expect(failInterruptedPublications()).toBe(1);
    expect(getPublication(back.publication.id)).toMatchObject({ state: 'failed', message: 'Máy chủ đã khởi động lại khi đang dựng trang: hãy bấm Xuất bản lại.' });
    const actions = listAudit({ action: 'content.' }).map((r) => r.action).reverse();
    expect(actions).toEqual([
      'content.publish.request',
      'content.publish.request',
      'content.publish.join',
      'content.rollback.request',
      'content.publish.live',
      'content.publish.failed',
      'content.rollback.failed',
    ]);
  });
});
