/**
 * Live booth availability of a fair, read from GET /api/fairs/{slug}/availability when the
 * island hydrates (`client:visible`: when it scrolls into view), every 30 seconds, and at once when the form island on the page announces a
 * registration (`khuyen-cong:registered`). The prerendered HTML carries no counts (they would go
 * stale); without JavaScript it says how registration answers instead.
 */
import { useEffect, useState } from 'react';
import { formatNumber } from '~/lib/format';
import { onRegistered, requestAvailability, type AvailabilityData } from './registration-events';
import './registration.css';

export default function Availability({ slug }: { slug: string }) {
  const [data, setData] = useState<AvailabilityData | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let alive = true;
    // Only the latest request's answer is shown (an older, slower one must not overwrite it).
    let latest = 0;
    const load = async () => {
      const mine = ++latest;
      try {
        // Announced to the page too: the floor plan colours its booths from the same answer.
        const d = await requestAvailability(slug);
        if (alive && mine === latest) {
          setData(d);
          setFailed(false);
        }
      } catch {
        if (alive && mine === latest) setFailed(true);
      }
    };
    void load();
    const timer = window.setInterval(() => void load(), 30_000);
    const unsubscribe = onRegistered(slug, () => void load());
    return () => {
      alive = false;
      window.clearInterval(timer);
      unsubscribe();
    };
  }, [slug]);

  return (
    <div className="availability" aria-live="polite" aria-busy={!data && !failed}>
      {!data && !failed && (
        <p className="meta">
          Số gian còn trống được cập nhật trực tiếp. Khi bạn gửi đăng ký, hệ thống giữ gian nếu còn chỗ, hoặc đưa đơn vào danh
          sách chờ.
        </p>
      )}
      {failed && !data && <p className="meta">Chưa tải được số gian còn trống. Bạn vẫn có thể gửi đăng ký.</p>}
      {data && (
        <div className="table-wrap">
          <table>
            <caption>Số gian còn trống (cập nhật trực tiếp)</caption>
            <thead>
              <tr>
                <th scope="col">Loại gian</th>
                <th scope="col" className="num">Tổng số</th>
                <th scope="col" className="num">Đã giữ</th>
                <th scope="col" className="num">Còn trống</th>
                <th scope="col" className="num">Đang chờ</th>
              </tr>
            </thead>
            <tbody>
              {data.boothTypes.map((b) => (
                <tr key={b.id} data-booth-type={b.id}>
                  <th scope="row">{b.name}</th>
                  <td className="num">{formatNumber(b.total)}</td>
                  <td className="num">{formatNumber(b.held)}</td>
                  <td className="num" data-available>{b.available === 0 ? 'Hết chỗ' : formatNumber(b.available)}</td>
                  <td className="num">{formatNumber(b.waitlisted)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
