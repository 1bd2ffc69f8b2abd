/**
 * The content editor (Keystatic, local mode): one collection per content folder, every field of
 * src/content.config.ts with a Vietnamese label and explanation. The rules themselves are the
 * build's: a save is checked by the same zod schemas (src/lib/server/cms/validate.ts), and
 * tests/unit/cms-schema.test.ts fails, naming the field, when a schema has a field this editor
 * lacks (add it here too) or when a demo entry would not open and save back unchanged.
 *
 * Paths are relative to the content folder, which is all the editor can read or write
 * (src/lib/server/cms/api.ts). Client-safe: the editor page bundles it.
 */
import { collection, config, fields, singleton } from '@keystatic/core';
import { slugify } from '../fold';
import { FORMER_PROVINCES, PROVINCES, provinceLabel } from '../provinces';
import {
  BOOTH_TAGS,
  CNNT_GROUPS,
  ESTABLISHMENT_TYPES,
  FAIR_KINDS,
  FAIR_LEVELS,
  FAIR_STATUSES,
  OCOP_GROUPS,
  PROGRAMMES,
  RECOGNITION_LEVELS,
} from '../vocabulary';
import { calendarDate, choice, numberChoice, optionsOf, photo, vietnamDateTime } from './fields';
import { programmes } from './programmes';

const provinceOptions = PROVINCES.map((p) => ({ value: p.slug, label: provinceLabel(p) }));
const formerProvinceOptions = FORMER_PROVINCES.map((p) => ({ value: p.slug, label: `${p.name} (nay thuộc ${PROVINCES.find((u) => u.slug === p.unit)?.name ?? p.unit})` }));

const body = (label = 'Nội dung') =>
  fields.mdx({
    label,
    description: 'Phần giới thiệu chi tiết, hiện trên trang. Dùng tiêu đề, danh sách, chữ đậm khi cần.',
    extension: 'md',
    options: { image: false },
  });

const nameAndFolder = (label: string, description: string) =>
  fields.slug({
    name: { label, description },
    slug: {
      label: 'Địa chỉ trang (tên thư mục)',
      description: 'Chữ thường không dấu nối bằng gạch ngang, tự tạo từ tên. Đây là địa chỉ trang: đổi sau khi đã công bố sẽ làm hỏng các liên kết cũ.',
      generate: slugify,
    },
  });

const former = fields.object(
  {
    province: choice({
      label: 'Tỉnh cũ',
      description: 'Tỉnh trước ngày 01/07/2025, khi tài liệu gốc ghi theo địa giới cũ.',
      options: formerProvinceOptions,
      none: '— Không có —',
    }),
    district: fields.text({ label: 'Huyện cũ', description: 'Ví dụ: huyện Nam Trà My. Bỏ trống nếu không có.' }),
  },
  { label: 'Địa danh cũ (trước 07/2025)', description: 'Chỉ điền khi tài liệu gốc ghi theo tỉnh, huyện cũ. Bỏ trống cả hai nếu không có.' },
);

const province = (description = 'Một trong 34 tỉnh, thành phố hiện nay.') =>
  choice({ label: 'Tỉnh, thành phố', description, options: provinceOptions, none: '— Chọn tỉnh, thành phố —' });

const instant = (label: string, description = 'Giờ Việt Nam.') => vietnamDateTime({ label, description });

const products = collection({
  label: 'Sản phẩm',
  path: 'products/*/',
  slugField: 'name',
  format: { contentField: 'content' },
  columns: ['name', 'province'],
  schema: {
    name: nameAndFolder('Tên sản phẩm', 'Bắt buộc. Tên đầy đủ như trên giấy chứng nhận.'),
    producer: fields.relationship({ label: 'Cơ sở sản xuất', description: 'Bắt buộc. Chọn trong danh sách cơ sở; thêm cơ sở mới ở mục "Cơ sở sản xuất" trước.', collection: 'producers' }),
    commune: fields.text({ label: 'Xã, phường, đặc khu', description: 'Bắt buộc. Đơn vị hành chính cấp xã hiện nay, ví dụ: xã Trà Linh.' }),
    province: province(),
    former,
    cnntGroup: choice({ label: 'Nhóm sản phẩm CNNT', description: 'Bắt buộc. Theo Thông tư 26/2014/TT-BCT, Điều 5.', options: optionsOf(CNNT_GROUPS.entries) }),
    ocopGroup: choice({ label: 'Nhóm sản phẩm OCOP', description: 'Bắt buộc khi sản phẩm có chứng nhận OCOP (QĐ 148/QĐ-TTg).', options: optionsOf(OCOP_GROUPS.entries), none: '— Không có —' }),
    photos: fields.array(photo('Ảnh'), {
      label: 'Ảnh sản phẩm',
      description: 'Ít nhất một ảnh; ảnh đầu tiên là ảnh đại diện. Mỗi ảnh cần mô tả.',
      itemLabel: (props) => props.fields.alt.value || 'Ảnh chưa có mô tả',
    }),
    summary: fields.text({ label: 'Tóm tắt', description: 'Bắt buộc, tối đa 300 ký tự: một hai câu giới thiệu hiện trong danh sách và kết quả tìm kiếm.', multiline: true }),
    specs: fields.object(
      {
        packaging: fields.text({ label: 'Quy cách đóng gói', description: 'Ví dụ: Hộp gỗ có tem truy xuất nguồn gốc.' }),
        netQuantity: fields.text({ label: 'Khối lượng, thể tích tịnh', description: 'Ví dụ: 100 g.' }),
        shelfLife: fields.text({ label: 'Hạn sử dụng, bảo quản', description: 'Ví dụ: 30 ngày ở 2–5 °C.' }),
        ingredients: fields.text({ label: 'Thành phần', multiline: true }),
      },
      { label: 'Thông số', description: 'Không bắt buộc.' },
    ),
    recognitions: fields.array(
      fields.object({
        programme: choice({ label: 'Chương trình', description: 'Bắt buộc.', options: optionsOf(PROGRAMMES.entries) }),
        level: choice({ label: 'Cấp công nhận', description: 'Bắt buộc. "Cấp huyện" chỉ dùng cho chứng nhận trước 01/07/2025.', options: optionsOf(RECOGNITION_LEVELS.entries) }),
        stars: fields.integer({ label: 'Số sao OCOP', description: 'Bắt buộc với OCOP (3, 4 hoặc 5); bỏ trống với sản phẩm CNNT tiêu biểu.' }),
        year: fields.integer({ label: 'Năm công nhận', description: 'Bắt buộc, ví dụ 2025.' }),
        number: fields.text({ label: 'Số quyết định hoặc số giấy chứng nhận', description: 'Ví dụ 2415/QĐ-UBND. Để trống khi chưa có quyết định: trang hiện “chưa có quyết định công nhận”.' }),
        issued: calendarDate({ label: 'Ngày cấp', description: 'Bắt buộc.' }),
        validUntil: calendarDate({ label: 'Hiệu lực đến', description: 'Bỏ trống để tính theo quy định: OCOP 36 tháng từ ngày cấp; CNNT tiêu biểu đến 31/12 năm thứ ba.' }),
      }),
      {
        label: 'Chứng nhận',
        description: 'Chứng nhận OCOP và sản phẩm CNNT tiêu biểu đã đạt.',
        itemLabel: (props) => `${props.fields.programme.value === 'ocop' ? 'OCOP' : 'CNNT'} ${props.fields.year.value ?? ''} – ${props.fields.number.value || 'chưa có số'}`,
      },
    ),
    whereToBuy: fields.array(
      fields.object({
        name: fields.text({ label: 'Tên nơi bán', description: 'Bắt buộc.' }),
        url: fields.text({ label: 'Địa chỉ web', description: 'Địa chỉ đầy đủ bắt đầu bằng https://. Không bắt buộc.' }),
        address: fields.text({ label: 'Địa chỉ', description: 'Không bắt buộc.' }),
      }),
      { label: 'Nơi mua', description: 'Cửa hàng, gian hàng trực tuyến.', itemLabel: (props) => props.fields.name.value || 'Nơi bán chưa có tên' },
    ),
    price: fields.object(
      {
        min: fields.integer({ label: 'Giá thấp nhất (đồng)' }),
        max: fields.integer({ label: 'Giá cao nhất (đồng)' }),
        unit: fields.text({ label: 'Đơn vị tính', description: 'Ví dụ: 100 g, hộp, chiếc.' }),
      },
      { label: 'Giá tham khảo', description: 'Không bắt buộc. Bỏ trống cả nhóm nếu không công bố giá.' },
    ),
    featured: fields.checkbox({ label: 'Nổi bật trên trang chủ', defaultValue: false }),
    content: body(),
  },
});

const producers = collection({
  label: 'Cơ sở sản xuất',
  path: 'producers/*/',
  slugField: 'name',
  format: { contentField: 'content' },
  columns: ['name', 'province'],
  schema: {
    name: nameAndFolder('Tên cơ sở', 'Bắt buộc. Tên đầy đủ theo đăng ký kinh doanh.'),
    type: choice({ label: 'Loại hình', description: 'Bắt buộc (Nghị định 45/2012/NĐ-CP, sửa đổi bởi Nghị định 235/2025/NĐ-CP).', options: optionsOf(ESTABLISHMENT_TYPES.entries) }),
    craftVillage: fields.text({ label: 'Làng nghề', description: 'Nếu cơ sở thuộc một làng nghề: tên làng nghề như cơ sở tự ghi.' }),
    village: fields.relationship({ label: 'Trang làng nghề', description: 'Không bắt buộc. Chọn làng nghề trong danh sách để trang cơ sở liên kết tới trang làng nghề; thêm làng nghề mới ở mục "Làng nghề" trước.', collection: 'craftVillages' }),
    commune: fields.text({ label: 'Xã, phường, đặc khu', description: 'Bắt buộc. Đơn vị cấp xã hiện nay.' }),
    province: province(),
    former,
    address: fields.text({ label: 'Địa chỉ', description: 'Bắt buộc.' }),
    phone: fields.text({ label: 'Điện thoại', description: 'Không bắt buộc.' }),
    email: fields.text({ label: 'Email', description: 'Không bắt buộc.' }),
    website: fields.text({ label: 'Trang web', description: 'Địa chỉ đầy đủ bắt đầu bằng https://. Không bắt buộc.' }),
    logo: photo('Biểu trưng', 'Không bắt buộc. Nếu có ảnh thì cần mô tả.'),
    founded: fields.integer({ label: 'Năm thành lập', description: 'Không bắt buộc.' }),
    content: body('Câu chuyện của cơ sở'),
  },
});

const craftVillages = collection({
  label: 'Làng nghề',
  path: 'craft-villages/*/',
  slugField: 'name',
  format: { contentField: 'content' },
  columns: ['name', 'province'],
  schema: {
    name: nameAndFolder('Tên làng nghề', 'Bắt buộc. Ví dụ: Làng gốm Thanh Hà.'),
    commune: fields.text({ label: 'Xã, phường, đặc khu', description: 'Bắt buộc. Đơn vị cấp xã hiện nay.' }),
    province: province(),
    former,
    craft: fields.text({ label: 'Nghề', description: 'Bắt buộc. Ví dụ: Làm gốm, Dệt thổ cẩm.' }),
    recognised: fields.object(
      {
        year: fields.integer({ label: 'Năm công nhận' }),
        decision: fields.text({ label: 'Quyết định công nhận', description: 'Số, ngày quyết định. Không bắt buộc.' }),
      },
      { label: 'Công nhận làng nghề', description: 'Không bắt buộc. Bỏ trống cả nhóm nếu làng nghề chưa được công nhận.' },
    ),
    content: body('Giới thiệu làng nghề'),
  },
});

const fairs = collection({
  label: 'Hội chợ',
  path: 'fairs/*/',
  slugField: 'name',
  format: { contentField: 'content' },
  columns: ['name', 'start'],
  schema: {
    name: nameAndFolder('Tên hội chợ', 'Bắt buộc. Tên chính thức, gồm năm tổ chức.'),
    organiser: fields.text({ label: 'Đơn vị tổ chức', description: 'Bắt buộc.' }),
    organiserUrl: fields.text({ label: 'Trang web của ban tổ chức', description: 'Địa chỉ đầy đủ bắt đầu bằng https://. Không bắt buộc.' }),
    venue: fields.text({ label: 'Địa điểm', description: 'Bắt buộc, ví dụ: Quảng trường Nhân dân tỉnh.' }),
    address: fields.text({ label: 'Địa chỉ', description: 'Bắt buộc.' }),
    province: province(),
    start: instant('Khai mạc', 'Bắt buộc. Giờ Việt Nam.'),
    end: instant('Bế mạc', 'Bắt buộc, không trước giờ khai mạc. Giờ Việt Nam.'),
    status: fields.select({ label: 'Tình trạng', options: optionsOf(FAIR_STATUSES.entries), defaultValue: 'scheduled' }),
    kind: fields.select({ label: 'Loại', description: 'Hội chợ triển lãm hay phiên chợ; chỉ tiêu chương trình khuyến công đếm riêng từng loại.', options: optionsOf(FAIR_KINDS.entries), defaultValue: 'hoi-cho' }),
    level: fields.select({ label: 'Cấp', description: 'Cấp tổ chức hội chợ.', options: optionsOf(FAIR_LEVELS.entries), defaultValue: 'tinh' }),
    summary: fields.text({ label: 'Tóm tắt', description: 'Bắt buộc, tối đa 300 ký tự.', multiline: true }),
    image: photo('Ảnh đại diện', 'Bắt buộc, kèm mô tả ảnh.'),
    boothTypes: fields.array(
      fields.object({
        id: fields.text({ label: 'Mã loại gian', description: 'Bắt buộc: chữ thường không dấu, số và dấu gạch ngang, ví dụ: tieu-chuan. Không đổi sau khi đã có đăng ký.' }),
        name: fields.text({ label: 'Tên loại gian', description: 'Bắt buộc, ví dụ: Gian hàng tiêu chuẩn.' }),
        width: fields.number({ label: 'Chiều rộng (m)', description: 'Bắt buộc. Gian tiêu chuẩn 3 m × 3 m (Nghị định 81/2018/NĐ-CP).' }),
        depth: fields.number({ label: 'Chiều sâu (m)', description: 'Bắt buộc.' }),
        count: fields.integer({ label: 'Số gian', description: 'Bắt buộc khi hội chợ chưa có sơ đồ, ít nhất 1; có sơ đồ thì bỏ trống (số gian đếm từ sơ đồ, nếu ghi phải khớp). Không giảm xuống dưới số gian đã giữ.' }),
        price: fields.integer({ label: 'Giá thuê một gian (đồng)', description: 'Bắt buộc; 0 nếu miễn phí.' }),
        supportShare: fields.number({ label: 'Tỷ lệ hỗ trợ khuyến công (%)', description: 'Bắt buộc, từ 0 đến 100.' }),
      }),
      { label: 'Loại gian hàng', description: 'Ít nhất một loại.', itemLabel: (props) => props.fields.name.value || 'Loại gian chưa có tên' },
    ),
    registration: fields.object(
      {
        opens: instant('Mở đăng ký'),
        closes: instant('Hạn đăng ký', 'Sau giờ mở đăng ký. Giờ Việt Nam.'),
        offerHours: fields.integer({ label: 'Số giờ giữ lời mời nhận gian', description: 'Bỏ trống để dùng 48 giờ; từ 1 đến 720.' }),
      },
      { label: 'Đăng ký gian hàng trực tuyến', description: 'Bỏ trống cả nhóm nếu hội chợ không nhận đăng ký trên cổng.' },
    ),
    maxBoothsPerEstablishment: fields.integer({ label: 'Số gian tối đa mỗi cơ sở', description: 'Bỏ trống để dùng 2.' }),
    eligibility: fields.text({ label: 'Đối tượng tham gia', multiline: true }),
    revision: fields.integer({ label: 'Lần sửa', description: 'Tăng thêm 1 mỗi khi sửa một hội chợ đã công bố, để lịch iCalendar của người xem tự cập nhật. Bỏ trống là 0.' }),
    floorPlan: fields.object(
      {
        boothChoice: fields.checkbox({ label: 'Cho cơ sở tự chọn gian khi đăng ký', description: 'Không đánh dấu: ban tổ chức bố trí gian sau khi duyệt đơn.' }),
        halls: fields.array(
          fields.object({
            id: fields.text({ label: 'Mã nhà (khu)', description: 'Bắt buộc: chữ thường không dấu, số và gạch ngang, ví dụ: nha-a.' }),
            name: fields.text({ label: 'Tên nhà (khu)', description: 'Bắt buộc, ví dụ: Nhà triển lãm A.' }),
            width: fields.number({ label: 'Chiều ngang (m)', description: 'Bắt buộc.' }),
            depth: fields.number({ label: 'Chiều sâu (m)', description: 'Bắt buộc.' }),
            aisles: fields.array(
              fields.object({
                x: fields.number({ label: 'Cách mép trái (m)' }),
                y: fields.number({ label: 'Cách mép trên (m)' }),
                width: fields.number({ label: 'Chiều ngang (m)' }),
                depth: fields.number({ label: 'Chiều sâu (m)' }),
                name: fields.text({ label: 'Tên lối đi', description: 'Không bắt buộc.' }),
              }),
              { label: 'Lối đi', description: 'Hình chữ nhật; không gian nào được đặt lên lối đi.', itemLabel: (props) => props.fields.name.value || 'Lối đi' },
            ),
            entrances: fields.array(
              fields.object({
                x: fields.number({ label: 'Cách mép trái (m)' }),
                y: fields.number({ label: 'Cách mép trên (m)', description: 'Trên cạnh nhà: 0 là cạnh trên, bằng chiều sâu là cạnh dưới.' }),
                width: fields.number({ label: 'Độ rộng (m)' }),
                name: fields.text({ label: 'Tên lối vào', description: 'Bắt buộc, ví dụ: Cổng chính.' }),
              }),
              { label: 'Lối vào', itemLabel: (props) => props.fields.name.value || 'Lối vào' },
            ),
            booths: fields.array(
              fields.object({
                code: fields.text({ label: 'Mã gian', description: 'Bắt buộc: chữ in hoa không dấu, số và "-", ví dụ A01; không trùng trong hội chợ.' }),
                x: fields.number({ label: 'Cách mép trái (m)' }),
                y: fields.number({ label: 'Cách mép trên (m)' }),
                type: fields.text({ label: 'Mã loại gian', description: 'Bắt buộc: một mã trong "Loại gian hàng", ví dụ tieu-chuan.' }),
                size: choice({
                  label: 'Kích thước (số gian tiêu chuẩn 3 × 3 m, ngang × sâu)',
                  description: 'Bỏ trống để lấy kích thước của loại gian.',
                  options: ['1x1', '2x1', '1x2', '3x1', '2x2', '3x2', '4x2'].map((v) => ({ value: v, label: v.replace('x', ' × ') })),
                  none: '— Theo loại gian —',
                }),
                tags: fields.multiselect({ label: 'Đặc điểm gian', options: optionsOf(BOOTH_TAGS.entries) }),
              }),
              { label: 'Các gian', description: 'Ít nhất một gian.', itemLabel: (props) => `${props.fields.code.value || 'Gian'} · ${props.fields.type.value}` },
            ),
          }),
          { label: 'Các nhà (khu)', description: 'Ít nhất một nhà; tọa độ tính từ góc trên bên trái, đơn vị mét.', itemLabel: (props) => props.fields.name.value || 'Nhà chưa có tên' },
        ),
      },
      { label: 'Sơ đồ gian hàng', description: 'Không bắt buộc. Khi có sơ đồ, số gian mỗi loại được đếm từ sơ đồ.' },
    ),
    content: body('Mô tả hội chợ'),
  },
});

const window = (label: string) =>
  fields.object({ opens: instant('Mở'), closes: instant('Đóng', 'Sau thời điểm mở. Giờ Việt Nam.') }, { label, description: 'Bắt buộc.' });

const criterionFields = {
  id: fields.text({ label: 'Mã tiêu chí', description: 'Bắt buộc: chữ thường không dấu, số và gạch ngang; không trùng trong bộ tiêu chí.' }),
  label: fields.text({ label: 'Tên tiêu chí', description: 'Bắt buộc.' }),
  max: fields.number({ label: 'Điểm tối đa', description: 'Bắt buộc, lớn hơn 0.' }),
};

const contests = collection({
  label: 'Cuộc bình chọn',
  path: 'contests/*/',
  slugField: 'title',
  format: { contentField: 'content' },
  columns: ['title', 'year'],
  schema: {
    title: nameAndFolder('Tên cuộc bình chọn', 'Bắt buộc.'),
    level: choice({ label: 'Cấp bình chọn', description: 'Bắt buộc.', options: optionsOf(RECOGNITION_LEVELS.entries) }),
    year: fields.integer({ label: 'Năm', description: 'Bắt buộc.' }),
    province: choice({ label: 'Tỉnh, thành phố', description: 'Không bắt buộc (cấp khu vực, quốc gia).', options: provinceOptions, none: '— Không có —' }),
    organiser: fields.text({ label: 'Đơn vị tổ chức', description: 'Bắt buộc.' }),
    productGroups: fields.multiselect({ label: 'Nhóm sản phẩm dự thi', description: 'Ít nhất một nhóm.', options: optionsOf(CNNT_GROUPS.entries) }),
    rubric: fields.object(
      {
        step: numberChoice({ label: 'Bước điểm', description: 'Giám khảo chấm theo bước 1 hoặc 0,5 điểm.', options: [1, 0.5], defaultValue: 1 }),
        groups: fields.array(
          fields.object({
            ...criterionFields,
            criteria: fields.array(fields.object(criterionFields), {
              label: 'Tiêu chí con',
              description: 'Không bắt buộc. Nếu có, tổng điểm tối đa các tiêu chí con phải bằng điểm của nhóm.',
              itemLabel: (props) => `${props.fields.label.value || 'Tiêu chí'} (${String(props.fields.max.value ?? '?')})`,
            }),
          }),
          { label: 'Nhóm tiêu chí', description: 'Ít nhất một nhóm. Điểm đạt không được vượt tổng điểm.', itemLabel: (props) => `${props.fields.label.value || 'Nhóm'} (${String(props.fields.max.value ?? '?')})` },
        ),
      },
      { label: 'Bộ tiêu chí', description: 'Thông tư 26/2014/TT-BCT (sửa đổi): 4 nhóm 40 – 40 – 10 – 10. Bộ khác chỉ cần viết ở đây.' },
    ),
    passMark: fields.number({ label: 'Điểm đạt', description: 'Bỏ trống để dùng 70.' }),
    minJudges: fields.integer({ label: 'Số phiếu chấm tối thiểu', description: 'Bỏ trống để dùng 3.' }),
    panelSize: fields.integer({ label: 'Số thành viên ban giám khảo', description: 'Bắt buộc.' }),
    showOthersScores: fields.select({
      label: 'Giám khảo xem điểm người khác',
      options: [
        { value: 'until-submitted', label: 'Sau khi đã nộp phiếu của mình (tổng điểm, ẩn danh)' },
        { value: 'never', label: 'Không bao giờ' },
      ],
      defaultValue: 'until-submitted',
    }),
    schedule: fields.object(
      {
        entries: window('Nhận hồ sơ'),
        judging: window('Chấm điểm'),
        results: calendarDate({ label: 'Ngày công bố kết quả', description: 'Bắt buộc.' }),
      },
      { label: 'Lịch' },
    ),
    entries: fields.multiRelationship({ label: 'Sản phẩm dự thi', description: 'Chọn trong danh sách sản phẩm.', collection: 'products' }),
    dossier: fields.object(
      {
        online: fields.checkbox({ label: 'Nhận hồ sơ trực tuyến', description: 'Cơ sở gửi hồ sơ tại /binh-chon/<cuộc>/dang-ky trong thời gian nhận hồ sơ.', defaultValue: false }),
        minPhotos: fields.integer({ label: 'Số ảnh tối thiểu', description: 'Bỏ trống để dùng 3 (Thông tư 26/2014: ít nhất 3 ảnh màu).' }),
        maxPhotos: fields.integer({ label: 'Số ảnh tối đa', description: 'Bỏ trống để dùng 8.' }),
        minAngles: fields.integer({ label: 'Số góc chụp khác nhau tối thiểu', description: 'Bỏ trống để dùng 3.' }),
        maxCertificates: fields.integer({ label: 'Số giấy chứng nhận tối đa', description: 'Bỏ trống để dùng 5.' }),
        lowerLevelCertificate: fields.checkbox({ label: 'Yêu cầu giấy chứng nhận cấp dưới', description: 'Với cấp khu vực, quốc gia.', defaultValue: false }),
        maxFileMB: fields.integer({ label: 'Dung lượng mỗi tệp (MB)', description: 'Bỏ trống để dùng 10.' }),
        maxTotalMB: fields.integer({ label: 'Dung lượng cả hồ sơ (MB)', description: 'Bỏ trống để dùng 40. Máy chủ nginx phải cho phép thêm 2 MB (client_max_body_size).' }),
      },
      { label: 'Hồ sơ dự thi trực tuyến', description: 'Không bắt buộc. Không đánh dấu "Nhận hồ sơ trực tuyến" thì cuộc bình chọn chỉ có sản phẩm do ban tổ chức nhập.' },
    ),
    vote: fields.object(
      {
        enabled: fields.checkbox({ label: 'Mở bình chọn của người dân', defaultValue: false }),
        opens: instant('Mở bình chọn'),
        closes: instant('Đóng bình chọn', 'Sau thời điểm mở. Giờ Việt Nam.'),
        per: fields.select({
          label: 'Mỗi người bình chọn',
          options: [
            { value: 'contest', label: 'Một lượt cho cả cuộc bình chọn' },
            { value: 'group', label: 'Một lượt cho mỗi nhóm sản phẩm' },
          ],
          defaultValue: 'contest',
        }),
        hideTotalsUntilClosed: fields.checkbox({ label: 'Ẩn số phiếu đến khi đóng bình chọn', defaultValue: true }),
        contact: fields.select({
          label: 'Người bình chọn xác minh bằng',
          description: 'Chỉ số điện thoại: mỗi thuê bao di động đã đăng ký chính chủ nên khó bình chọn nhiều lần hơn.',
          options: [
            { value: 'any', label: 'Email hoặc số điện thoại di động' },
            { value: 'phone', label: 'Chỉ số điện thoại di động Việt Nam' },
          ],
          defaultValue: 'any',
        }),
      },
      { label: 'Bình chọn của người dân', description: 'Không bắt buộc. Bỏ trống thời gian mở và đóng nếu không tổ chức.' },
    ),
    content: body(),
  },
});

const pages = collection({
  label: 'Trang thông tin',
  path: 'pages/*',
  slugField: 'title',
  format: { contentField: 'content' },
  columns: ['title', 'order'],
  schema: {
    title: nameAndFolder('Tiêu đề', 'Bắt buộc.'),
    description: fields.text({ label: 'Mô tả ngắn', description: 'Bắt buộc, tối đa 300 ký tự; hiện trong kết quả tìm kiếm.', multiline: true }),
    order: fields.integer({ label: 'Thứ tự trong trình đơn', description: 'Số nhỏ đứng trước. Bỏ trống là 100.' }),
    content: body(),
  },
});

const settings = singleton({
  label: 'Cài đặt trang',
  path: 'settings/site',
  format: { data: 'yaml' },
  schema: {
    siteName: fields.text({ label: 'Tên trang', description: 'Bắt buộc.' }),
    demoNotice: fields.checkbox({ label: 'Hiện thông báo "Dữ liệu minh họa"', description: 'Bỏ chọn khi dùng nội dung thật.', defaultValue: true }),
    province: province('Tỉnh, thành phố của cơ quan quản lý cổng.'),
    agency: fields.object(
      {
        name: fields.text({ label: 'Tên cơ quan', description: 'Bắt buộc.' }),
        parent: fields.text({ label: 'Cơ quan chủ quản' }),
        address: fields.text({ label: 'Địa chỉ', description: 'Bắt buộc.' }),
        phone: fields.text({ label: 'Điện thoại', description: 'Bắt buộc.' }),
        email: fields.text({ label: 'Email', description: 'Bắt buộc.' }),
        website: fields.text({ label: 'Trang web', description: 'Địa chỉ đầy đủ bắt đầu bằng https://.' }),
      },
      { label: 'Cơ quan quản lý', description: 'Hiện ở chân mọi trang.' },
    ),
  },
});

/** The collections the editor edits, by the name of their content folder. */
export const EDITOR_COLLECTIONS = { products, producers, craftVillages, fairs, contests, pages, programmes } as const;
export const EDITOR_SINGLETONS = { settings } as const;

export default config({
  storage: { kind: 'local' },
  locale: 'en-US',
  ui: {
    brand: { name: 'Khuyến công' },
    navigation: {
      'Trưng bày': ['products', 'producers', 'craftVillages'],
      'Hội chợ, bình chọn': ['fairs', 'contests'],
      'Chương trình': ['programmes'],
      'Trang và cài đặt': ['pages', 'settings'],
    },
  },
  collections: EDITOR_COLLECTIONS,
  singletons: EDITOR_SINGLETONS,
});
