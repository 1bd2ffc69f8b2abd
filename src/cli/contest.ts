/**
 * Contest organiser actions from the command line (same audit log as the console, actor "cli"):
 *   npm run contest -- assign --contest <slug> --email <judge> [--entries a,b,c]
 *   npm run contest -- unassign --contest <slug> --email <judge>
 *   npm run contest -- judges --contest <slug>
 *   npm run contest -- publish --contest <slug> [--force --reason "<lý do>"]   (force: judging incomplete)
 *   npm run contest -- withdraw --contest <slug> --reason "<lý do>"
 *   npm run contest -- results --contest <slug> [--csv] [--normalise]
 *   npm run contest -- sheets --contest <slug>                (every sheet as CSV)
 */
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { getEnv } from '../lib/server/env';
import { closeDatabase, installDatabase, openDatabase } from '../lib/server/db';
import { AppError } from '../lib/server/errors';
import type { AuditActor } from '../lib/server/audit';
import { ReasonSchema } from '../lib/contest-schema';
import { assignJudge, listAssignments, panelWarning, unassignJudge } from '../lib/server/contests/assignments';
import { loadContestDefFromFiles } from '../lib/server/contests/content-file';
import { resultsCsv, sheetsCsv } from '../lib/server/contests/csv';
import { computeContestResults, publicationGaps, publishResults, withdrawResults } from '../lib/server/contests/results';
import { listSheets } from '../lib/server/contests/scoring';

const USAGE = `Cách dùng:
  npm run contest -- assign --contest <mã> --email <email giám khảo> [--entries sp1,sp2]
  npm run contest -- unassign --contest <mã> --email <email giám khảo>
  npm run contest -- judges --contest <mã>
  npm run contest -- publish --contest <mã> [--force --reason "<lý do>"]  (bắt buộc khi việc chấm chưa hoàn tất)
  npm run contest -- withdraw --contest <mã> --reason "<lý do>"
  npm run contest -- results --contest <mã> [--csv] [--normalise]
  npm run contest -- sheets --contest <mã>`;

const CLI_ACTOR: AuditActor = { actorId: null, ip: 'cli' };

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function main(): void {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      contest: { type: 'string' },
      email: { type: 'string' },
      entries: { type: 'string' },
      reason: { type: 'string' },
      csv: { type: 'boolean' },
      normalise: { type: 'boolean' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) fail(USAGE);
  if (!values.contest) fail(`Thiếu --contest.\n\n${USAGE}`);
  const env = getEnv();
  // The database first: the contest's entries include the online entries accepted in it.
  installDatabase(openDatabase(env.DATABASE_PATH, { synchronous: env.DATABASE_SYNCHRONOUS }));
  const def = loadContestDefFromFiles(values.contest);
  if (!def) fail(`Không tìm thấy cuộc bình chọn "${values.contest}" trong content/contests.`);
  try {
    const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
    const warn = () => {
      const w = panelWarning(listAssignments(def.id).length, def.panelSize);
      if (w) process.stderr.write(`Lưu ý: ${w}\n`);
    };
    switch (command) {
      case 'assign': {
        if (!values.email) fail(`Thiếu --email.\n\n${USAGE}`);
        const entries = values.entries ? values.entries.split(',').map((s) => s.trim()).filter(Boolean) : null;
        const a = assignJudge(def, { email: values.email, entries }, CLI_ACTOR);
        out(`Đã phân công ${a.judgeName} <${a.judgeEmail}> chấm ${a.entries ? `${String(a.entries.length)} sản phẩm` : 'tất cả sản phẩm'}.`);
        warn();
        return;
      }
      case 'unassign':
        if (!values.email) fail(`Thiếu --email.\n\n${USAGE}`);
        unassignJudge(def, values.email, CLI_ACTOR);
        out('Đã bỏ phân công.');
        warn();
        return;
      case 'judges':
        for (const a of listAssignments(def.id)) out(`${a.judgeEmail}\t${a.judgeName}\t${a.entries ? a.entries.join(',') : 'tất cả'}\t${a.rulesAcceptedAt ? 'đã khai báo' : 'chưa khai báo'}`);
        warn();
        return;
      case 'publish': {
        const gaps = publicationGaps(def);
        if (gaps.length && !values.force) {
          fail(`Việc chấm chưa hoàn tất:\n${gaps.map((g) => `  - ${g}`).join('\n')}\nMuốn công bố ngay, thêm --force --reason "<lý do>" (ghi vào nhật ký).`);
        }
        const r = publishResults(def, CLI_ACTOR, { force: values.force ?? false, reason: values.reason });
        if (gaps.length) process.stderr.write(`Lưu ý: đã công bố khi việc chấm chưa hoàn tất (${String(gaps.length)} mục), lý do đã ghi vào nhật ký.\n`);
        out(`Đã công bố kết quả: ${String(r.entries.filter((e) => e.recognised).length)}/${String(r.entries.length)} sản phẩm đạt.`);
        return;
      }
      case 'withdraw': {
        const reason = ReasonSchema.safeParse(values.reason ?? '');
        if (!reason.success) fail('Cần --reason "<lý do>" (ít nhất 5 ký tự).');
        withdrawResults(def, reason.data, CLI_ACTOR);
        out('Đã rút kết quả.');
        return;
      }
      case 'results': {
        const results = computeContestResults(def, { normalise: values.normalise ?? false });
        if (values.csv) {
          out(resultsCsv(def, results, {}));
          return;
        }
        for (const r of results.entries) {
          out(`${String(r.rank ?? '-')}\t${r.entryId}\t${String(r.sheets)} phiếu\t${r.mean === null ? '-' : r.mean.toFixed(2)}\t${r.recognised ? 'ĐẠT' : r.enoughJudges ? 'không đạt' : 'chưa đủ phiếu'}${results.normalised ? `\tz: ${String(r.normalised ?? '-')}` : ''}`);
        }
        return;
      }
      case 'sheets':
        out(sheetsCsv(def, listSheets(def.id), {}));
        return;
      default:
        fail(USAGE);
    }
  } catch (error) {
    if (error instanceof AppError) fail(error.message);
    if (error instanceof ZodError) fail(error.issues.map((i) => i.message).join('\n'));
    throw error;
  } finally {
    closeDatabase();
  }
}

main();
