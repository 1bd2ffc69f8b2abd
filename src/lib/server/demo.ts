/**
 * Demo mode (DEMO=true, what `npm start` on a fresh clone runs): one admin, one organiser and
 * three judges with fixed passwords, listed in the README. Outside demo mode the server refuses
 * to start while any demo account exists, so a demo database never goes live by mistake.
 */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { now } from '../clock';
import { audit, SYSTEM_ACTOR } from './audit';
import { getDb, schema } from './db';
import { hashPasswordSync } from './auth/password';
import { countDemoUsers } from './auth/user';
import type { Role } from '../vocabulary';

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'quantri@demo.khuyencong.example', name: 'Quản trị viên (demo)', role: 'admin', password: 'quantri-demo-2026' },
  { email: 'bantochuc@demo.khuyencong.example', name: 'Trung tâm Khuyến công (demo)', role: 'organiser', password: 'bantochuc-demo-2026' },
  { email: 'giamkhao1@demo.khuyencong.example', name: 'Nguyễn Văn An (giám khảo demo)', role: 'judge', password: 'giamkhao1-demo-2026' },
  { email: 'giamkhao2@demo.khuyencong.example', name: 'Trần Thị Bình (giám khảo demo)', role: 'judge', password: 'giamkhao2-demo-2026' },
  { email: 'giamkhao3@demo.khuyencong.example', name: 'Lê Văn Cường (giám khảo demo)', role: 'judge', password: 'giamkhao3-demo-2026' },
  { email: 'bientap@demo.khuyencong.example', name: 'Phạm Thu Hà (biên tập viên demo)', role: 'editor', password: 'bientap-demo-2026' },
];

export class DemoAccountsPresentError extends Error {}

/** Creates the demo accounts that are missing (existing ones are left as they are). */
export function seedDemoAccounts(db = getDb()): number {
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, account.email)).get()) continue;
    const passwordHash = hashPasswordSync(account.password);
    const bytes = new Uint8Array(10);
    crypto.getRandomValues(bytes);
    const id = encodeBase32LowerCaseNoPadding(bytes);
    db.transaction((tx) => {
      const t = now();
      tx.insert(schema.users)
        .values({ id, email: account.email, name: account.name, role: account.role, passwordHash, isDemo: true, createdAt: t, updatedAt: t })
        .run();
      audit(SYSTEM_ACTOR, { action: 'user.create', target: `user:${id}`, details: { email: account.email, role: account.role, demo: true } }, tx);
    });
    created++;
  }
  return created;
}

/** Throws when demo accounts exist in a database used outside demo mode. */
export function refuseDemoAccounts(databasePath: string, db = getDb()): void {
  const n = countDemoUsers(db);
  if (n > 0) {
    throw new DemoAccountsPresentError(
      `Cơ sở dữ liệu ${databasePath} có ${String(n)} tài khoản demo, nên máy chủ không khởi động khi DEMO không bật.\n` +
        `  Đây là cơ sở dữ liệu demo: đặt DATABASE_PATH tới một tệp khác cho máy chủ thật, hoặc chạy với DEMO=true.`,
    );
  }
}
