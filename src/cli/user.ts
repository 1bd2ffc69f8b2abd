/**
 * Accounts from the command line (writes to the same audit log as the console):
 *   npm run user -- create --email lan@example.vn --name "Nguyễn Thị Lan" --role judge
 *       (password read from standard input when piped, otherwise generated and printed once)
 *   npm run user -- disable --email lan@example.vn
 *   npm run user -- enable --email lan@example.vn
 *   npm run user -- reset-password --email lan@example.vn   (same stdin / generated rule)
 *   npm run user -- list
 */
import { parseArgs } from 'node:util';
import { getEnv } from '../lib/server/env';
import { closeDatabase, installDatabase, openDatabase } from '../lib/server/db';
import { generatePassword } from '../lib/server/auth/password';
import { createUser, disableUser, enableUser, getUserByEmail, listUsers, setPassword } from '../lib/server/auth/user';
import { AppError } from '../lib/server/errors';
import { ZodError } from 'zod';
import type { AuditActor } from '../lib/server/audit';

const USAGE = `Cách dùng:
  npm run user -- create --email <email> --name <họ tên> --role <admin|organiser|judge|editor>
  npm run user -- disable --email <email>
  npm run user -- enable --email <email>
  npm run user -- reset-password --email <email>
  npm run user -- list
Mật khẩu: đọc từ đầu vào chuẩn nếu có (echo 'mật khẩu' | npm run user -- create …), nếu không thì tạo ngẫu nhiên và in ra một lần.`;

const CLI_ACTOR: AuditActor = { actorId: null, ip: 'cli' };

async function readStdinPassword(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  return text === '' ? null : text;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals[0];
  if (values.help || !command) fail(USAGE);
  const env = getEnv();
  installDatabase(openDatabase(env.DATABASE_PATH, { synchronous: env.DATABASE_SYNCHRONOUS }));
  try {
    if (command === 'list') {
      for (const u of listUsers()) {
        process.stdout.write(`${u.email}\t${u.role}\t${u.name}${u.disabledAt ? '\t(vô hiệu hóa)' : ''}${u.isDemo ? '\t(demo)' : ''}\n`);
      }
      return;
    }
    if (!values.email) fail(`Thiếu --email.\n\n${USAGE}`);
    if (command === 'create') {
      const piped = await readStdinPassword();
      const password = piped ?? generatePassword();
      const user = await createUser({ email: values.email, name: values.name ?? '', role: (values.role ?? '') as 'judge', password }, CLI_ACTOR);
      process.stdout.write(`Đã tạo tài khoản ${user.email} (${user.role}).\n`);
      if (!piped) process.stdout.write(`Mật khẩu (chỉ hiện một lần): ${password}\n`);
      return;
    }
    const user = getUserByEmail(values.email);
    if (!user) fail(`Không tìm thấy tài khoản ${values.email}.`);
    if (command === 'disable') {
      disableUser(user.id, CLI_ACTOR);
      process.stdout.write(`Đã vô hiệu hóa ${user.email}; mọi phiên đăng nhập đã kết thúc.\n`);
    } else if (command === 'enable') {
      enableUser(user.id, CLI_ACTOR);
      process.stdout.write(`Đã kích hoạt lại ${user.email}.\n`);
    } else if (command === 'reset-password') {
      const piped = await readStdinPassword();
      const password = piped ?? generatePassword();
      await setPassword(user.id, password, CLI_ACTOR);
      process.stdout.write(`Đã đặt lại mật khẩu cho ${user.email}; mọi phiên đăng nhập đã kết thúc.\n`);
      if (!piped) process.stdout.write(`Mật khẩu mới (chỉ hiện một lần): ${password}\n`);
    } else {
      fail(`Lệnh không rõ: ${command}\n\n${USAGE}`);
    }
  } finally {
    closeDatabase();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ZodError) fail(error.issues.map((i) => `  ${i.path.join('.') || 'giá trị'}: ${i.message}`).join('\n'));
  if (error instanceof AppError) fail(error.message);
  fail(error instanceof Error ? error.message : String(error));
});
