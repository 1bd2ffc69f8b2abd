/**
 * The answer to a registration: code, status, message and the private management link. Shared
 * by the form island (after a JSON submit) and the no-JavaScript result page (rendered on the
 * server, no hydration), so both say exactly the same thing.
 */
import type { Ref } from 'react';

export interface RegistrationAnswerData {
  /** Absent for a duplicate told to the public: its code is not theirs to learn. */
  code?: string | undefined;
  status?: string | undefined;
  manageUrl?: string | undefined;
  message: string;
  duplicate?: boolean | undefined;
}

interface Props {
  answer: RegistrationAnswerData;
  /** h2 on its own page, h3 inside the fair page's registration section. */
  heading: 'h2' | 'h3';
  /** The status as people read it (`registrationStatusLabel`, or the island's vocabulary prop). */
  statusLabel: string;
  /** The island moves focus to the heading when the answer appears. */
  headingRef?: Ref<HTMLHeadingElement>;
}

export default function RegistrationAnswer({ answer, heading: Heading, statusLabel, headingRef }: Props) {
  return (
    <div className="registration-result card" role="status">
      <div className="body">
        <Heading tabIndex={-1} ref={headingRef}>
          {answer.duplicate ? 'Cơ sở đã có đơn đăng ký' : 'Đã nhận đăng ký'}
        </Heading>
        {answer.code && (
          <p>
            Mã đăng ký: <strong className="reg-code">{answer.code}</strong>
          </p>
        )}
        {answer.status && (
          <p>
            Tình trạng: <strong>{statusLabel}</strong>
          </p>
        )}
        <p>{answer.message}</p>
        {answer.manageUrl && (
          <p>
            Đường liên kết quản lý riêng (giữ kín, dùng để xem, sửa thông tin liên hệ hoặc hủy đơn):{' '}
            <a href={answer.manageUrl}>mở trang quản lý đơn</a>
          </p>
        )}
        <p>
          Tra cứu bất cứ lúc nào tại <a href="/hoi-cho/tra-cuu">trang tra cứu đăng ký</a> bằng mã và số điện thoại.
        </p>
      </div>
    </div>
  );
}
