/**
 * The state of one publication on the console's publishing page: asks the API every two
 * seconds while it waits or builds, and says what happened (announced politely to screen
 * readers). Without JavaScript the page shows the state it was rendered with.
 */
import { useEffect, useState } from 'react';

interface Issue {
  file: string;
  field: string | null;
  label: string | null;
  message: string;
}

export interface PublicationState {
  id: string;
  kind: 'publish' | 'rollback';
  state: 'queued' | 'building' | 'live' | 'failed';
  stateLabel: string;
  message: string | null;
  errors?: Issue[];
}

const WORDS: Record<PublicationState['state'], string> = {
  queued: 'Đang chờ đến lượt (mỗi lần chỉ dựng một bản).',
  building: 'Đang kiểm tra nội dung và dựng trang. Việc này mất từ vài chục giây đến vài phút; bạn có thể rời trang này.',
  live: 'Đã lên trang: người xem đang thấy nội dung mới.',
  failed: 'Không thành công: trang web vẫn giữ bản đang chạy.',
};

export default function PublishStatus({ publication }: { publication: PublicationState }) {
  const [current, setCurrent] = useState(publication);
  const done = current.state === 'live' || current.state === 'failed';
  useEffect(() => {
    if (done) return;
    const timer = setInterval(() => {
      fetch(`/api/console/publish/${encodeURIComponent(current.id)}`, { headers: { Accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<PublicationState>) : null))
        .then((next) => {
          if (next) setCurrent(next);
        })
        .catch(() => undefined);
    }, 2000);
    return () => clearInterval(timer);
  }, [current.id, done]);
  const tone = current.state === 'failed' ? 'notice danger' : current.state === 'live' ? 'notice' : 'notice warn';
  return (
    <div className={tone} role="status" aria-live="polite" data-state={current.state}>
      <p>
        <strong>{current.kind === 'rollback' ? 'Quay lại bản trước' : 'Xuất bản'}: {current.stateLabel}.</strong> {WORDS[current.state]}
      </p>
      {current.message && <p>{current.message}</p>}
      {current.errors && current.errors.length > 0 && (
        <ul>
          {current.errors.map((e, i) => (
            <li key={i}>
              <code>{e.file || '—'}</code>
              {e.label ? ` – ${e.label}` : ''}
              {e.field ? ` (${e.field})` : ''}: {e.message}
            </li>
          ))}
        </ul>
      )}
      {done && (
        <p>
          <a href="/quan-tri/xuat-ban">Tải lại trang</a>
        </p>
      )}
    </div>
  );
}
