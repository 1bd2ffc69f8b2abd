/**
 * The admin's user page actions (create, disable, enable, reset password) from a plain form
 * post, turned into one outcome the page renders. A generated password is returned once for
 * the page to show; it is never stored or logged in clear.
 */
import { ZodError, z } from 'zod';
import type { AuditActor } from '../audit';
import { AppError } from '../errors';
import { fieldErrors, viErrorMap } from '../http';
import { generatePassword } from './password';
import { createUser, disableUser, enableUser, getUserById, NewUserSchema, setPassword } from './user';

const UserActionSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('create'),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    password: z.string().optional(),
  }),
  z.object({ action: z.literal('disable'), userId: z.string().min(1).max(64) }),
  z.object({ action: z.literal('enable'), userId: z.string().min(1).max(64) }),
  z.object({ action: z.literal('reset-password'), userId: z.string().min(1).max(64) }),
]);

export type UserActionOutcome =
  | { ok: true; message: string; password?: { email: string; value: string } }
  | { ok: false; status: number; message: string; fields?: Record<string, string> };

/** Runs one action posted by the users page. Never throws for bad input. */
export async function runUserAction(form: Record<string, string>, actor: AuditActor): Promise<UserActionOutcome> {
  const parsed = UserActionSchema.safeParse(form, { errorMap: viErrorMap });
  if (!parsed.success) return { ok: false, status: 400, message: 'Yêu cầu không hợp lệ.' };
  const input = parsed.data;
  try {
    switch (input.action) {
      case 'create': {
        const generated = input.password ? null : generatePassword();
        const candidate = { email: input.email, name: input.name, role: input.role, password: input.password || generated };
        const check = NewUserSchema.safeParse(candidate, { errorMap: viErrorMap });
        if (!check.success) {
          return { ok: false, status: 400, message: 'Chưa tạo được tài khoản: vui lòng sửa các trường được đánh dấu.', fields: fieldErrors(check.error) };
        }
        const user = await createUser(check.data, actor);
        return {
          ok: true,
          message: `Đã tạo tài khoản ${user.email}.`,
          ...(generated ? { password: { email: user.email, value: generated } } : {}),
        };
      }
      case 'disable': {
        const user = disableUser(input.userId, actor);
        return { ok: true, message: `Đã vô hiệu hóa tài khoản ${user.email}; mọi phiên đăng nhập của tài khoản đã kết thúc.` };
      }
      case 'enable': {
        const user = enableUser(input.userId, actor);
        return { ok: true, message: `Đã kích hoạt lại tài khoản ${user.email}.` };
      }
      case 'reset-password': {
        const user = getUserById(input.userId);
        if (!user) return { ok: false, status: 404, message: 'Không tìm thấy tài khoản.' };
        const value = generatePassword();
        await setPassword(user.id, value, actor);
        return { ok: true, message: `Đã đặt lại mật khẩu cho ${user.email}; mọi phiên đăng nhập của tài khoản đã kết thúc.`, password: { email: user.email, value } };
      }
    }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, status: error.status, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
    if (error instanceof ZodError) return { ok: false, status: 400, message: 'Dữ liệu chưa hợp lệ.', fields: fieldErrors(error) };
    throw error;
  }
}
