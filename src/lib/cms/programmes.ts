/**
 * The content editor's collection of khuyến công programmes (content/programmes), field for
 * field as src/lib/programme-schema.ts. The source of each indicator is a plain group (kind and
 * optional parameters), which the build's schema checks. Client-safe.
 */
import { collection, fields } from '@keystatic/core';
import { slugify } from '../fold';
import { PROVINCES, provinceLabel } from '../provinces';
import { FAIR_KINDS, FAIR_LEVELS, INDICATOR_SOURCES, RECOGNITION_LEVELS } from '../vocabulary';
import { calendarDate, choice, optionsOf } from './fields';

const provinceOptions = PROVINCES.map((p) => ({ value: p.slug, label: provinceLabel(p) }));

export const programmes = collection({
  label: 'Chương trình khuyến công',
  path: 'programmes/*/',
  slugField: 'name',
  format: { contentField: 'content' },
  columns: ['name'],
  schema: {
    name: fields.slug({
      name: { label: 'Tên chương trình', description: 'Bắt buộc, ví dụ: Chương trình khuyến công tỉnh Quảng Ngãi giai đoạn 2026–2030.' },
      slug: { label: 'Địa chỉ trang (tên thư mục)', description: 'Chữ thường không dấu nối bằng gạch ngang. Đổi sau khi đã công bố sẽ làm hỏng liên kết cũ.', generate: slugify },
    }),
    demo: fields.checkbox({ label: 'Dữ liệu minh họa', description: 'Đánh dấu khi chương trình không phải văn bản thật; trang ghi rõ điều đó.' }),
    decision: fields.object(
      {
        number: fields.text({ label: 'Số quyết định', description: 'Bắt buộc, ví dụ: 2665/QĐ-UBND.' }),
        date: calendarDate({ label: 'Ngày ban hành', description: 'Bắt buộc.' }),
        issuer: fields.text({ label: 'Cơ quan ban hành', description: 'Bắt buộc, ví dụ: UBND tỉnh Quảng Ngãi.' }),
      },
      { label: 'Quyết định phê duyệt' },
    ),
    province: choice({ label: 'Tỉnh, thành phố', description: 'Bắt buộc. Cổng đếm hội chợ, bình chọn và sản phẩm của địa phương này.', options: provinceOptions, none: '— Chọn tỉnh, thành phố —' }),
    period: fields.object(
      {
        from: fields.integer({ label: 'Từ năm', description: 'Bắt buộc.' }),
        to: fields.integer({ label: 'Đến năm', description: 'Bắt buộc, không trước năm bắt đầu.' }),
      },
      { label: 'Giai đoạn' },
    ),
    budget: fields.number({ label: 'Tổng kinh phí (triệu đồng)', description: 'Không bắt buộc.' }),
    summary: fields.text({ label: 'Tóm tắt', description: 'Bắt buộc, tối đa 300 ký tự.', multiline: true }),
    indicators: fields.array(
      fields.object({
        code: fields.text({ label: 'Mã chỉ tiêu', description: 'Bắt buộc: chữ in hoa không dấu, số, dấu chấm hoặc gạch ngang, ví dụ: HC-TINH. Không đổi khi đã có số liệu nhập.' }),
        name: fields.text({ label: 'Tên chỉ tiêu', description: 'Bắt buộc.' }),
        unit: fields.text({ label: 'Đơn vị tính', description: 'Bắt buộc: hội chợ, gian, cơ sở, sản phẩm, người, đồng…' }),
        target: fields.number({ label: 'Chỉ tiêu cả giai đoạn', description: 'Bắt buộc, từ 0.' }),
        targets: fields.array(
          fields.object({
            year: fields.integer({ label: 'Năm', description: 'Trong giai đoạn của chương trình.' }),
            value: fields.number({ label: 'Chỉ tiêu năm' }),
          }),
          { label: 'Chỉ tiêu từng năm', description: 'Không bắt buộc.', itemLabel: (props) => `${String(props.fields.year.value ?? '?')}: ${String(props.fields.value.value ?? '?')}` },
        ),
        source: fields.object(
          {
            kind: choice({ label: 'Cách đếm số thực hiện', description: 'Bắt buộc.', options: optionsOf(INDICATOR_SOURCES.entries), none: '— Chọn cách đếm —' }),
            fairKinds: fields.multiselect({ label: 'Loại hội chợ được đếm', description: 'Với các cách đếm về hội chợ, gian hàng; bỏ trống là mọi loại.', options: optionsOf(FAIR_KINDS.entries) }),
            fairLevels: fields.multiselect({ label: 'Cấp hội chợ được đếm', description: 'Với các cách đếm về hội chợ, gian hàng; bỏ trống là mọi cấp.', options: optionsOf(FAIR_LEVELS.entries) }),
            levels: fields.multiselect({ label: 'Cấp bình chọn, công nhận được đếm', description: 'Với bình chọn và sản phẩm CNNT tiêu biểu; bỏ trống là mọi cấp.', options: optionsOf(RECOGNITION_LEVELS.entries) }),
            minStars: fields.integer({ label: 'Số sao OCOP tối thiểu', description: 'Chỉ với sản phẩm OCOP: 3, 4 hoặc 5; bỏ trống là mọi sản phẩm OCOP.' }),
            evidence: fields.text({ label: 'Minh chứng cần kèm', description: 'Chỉ với số do cán bộ nhập, ví dụ: quyết định mở lớp và danh sách học viên.' }),
          },
          { label: 'Số thực hiện' },
        ),
      }),
      { label: 'Chỉ tiêu', description: 'Ít nhất một chỉ tiêu; mã không trùng nhau.', itemLabel: (props) => `${props.fields.code.value || '?'} – ${props.fields.name.value || 'chỉ tiêu chưa có tên'}` },
    ),
    content: fields.mdx({ label: 'Giới thiệu', description: 'Hiện trên trang chương trình.', extension: 'md', options: { image: false } }),
  },
});
