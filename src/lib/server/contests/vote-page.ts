/**
 * What the people's vote page renders, prepared here: ask a code (with the ALTCHA payload when
 * JavaScript ran), verify it, vote, withdraw — one handler per form intent, refusals from the
 * contest error catalogue. The page works without JavaScript, within the stricter per-IP limit
 * for requests without a solved challenge (vote-rate.ts).
 */
import type { AstroGlobal } from 'astro';
import { now } from '../../clock';
import { CNNT_GROUPS } from '../../vocabulary';
import { getEnv } from '../env';
import { clientIp } from '../request';
import { castVote, getTally, getVoterVotes, voteScope, withdrawVote, type Tally } from './ballot';
import { isWithin, type ContestDef, type VoteDef } from './definition';
import { ContestError } from './errors';
import { parseVoteForm, runPageForm, type FormFailure, type VoteCommand } from './forms';
import { challengeUrlOf, getVoter, requestVoteCodeWithChallenge, verifyVoteCode, votePhoneOnly } from './voters';
import { getContestDef, getVoteCandidates, type VoteCandidate } from './content';
import { getVoterToken, notFoundPage, setVoterToken } from './web';

/** After a code was sent: the verification to confirm, and the code itself in demo mode. */
interface CodeSent {
  verification: number;
  demoCode: string | null;
}

async function runVoteCommand(astro: AstroGlobal, def: ContestDef, vote: VoteDef, candidates: VoteCandidate[], command: VoteCommand): Promise<string | { stay: CodeSent }> {
  const self = `/binh-chon/${def.id}/binh-chon-cong-chung`;
  const ip = clientIp(astro);
  switch (command.intent) {
    case 'ma': {
      const sent = await requestVoteCodeWithChallenge(def, { contact: command.contact, website: command.website, altcha: command.altcha }, ip, { demo: getEnv().DEMO });
      return { stay: { verification: sent.verification, demoCode: sent.demoCode ?? null } };
    }
    case 'xac-minh': {
      const { token } = verifyVoteCode(def, { verification: command.verification ?? 0, code: command.code });
      setVoterToken(astro.cookies, def.id, token, astro.url.protocol === 'https:', vote.closes);
      return `${self}?da-xac-minh=1`;
    }
    case 'bau': {
      const candidate = candidates.find((c) => c.id === command.entry);
      if (!candidate) throw new ContestError('entry_required');
      castVote(def, getVoterToken(astro.cookies, def.id), candidate.id, candidate.group, ip);
      return `${self}?da-bau=1`;
    }
    case 'rut':
      withdrawVote(def, getVoterToken(astro.cookies, def.id), command.scope, ip);
      return `${self}?da-rut=1`;
  }
}

export interface VotePage {
  def: ContestDef;
  vote: VoteDef;
  /** The Markdown entries, then the accepted online entries. */
  candidates: VoteCandidate[];
  open: boolean;
  phoneOnly: boolean;
  /** The address the ALTCHA widget fetches its challenge from. */
  challengeUrl: string;
  /** The contact typed, shown again after a refusal. */
  contact: string;
  /** The verification waiting for its code (the code form is shown), or null. */
  pendingVerification: number | null;
  demoCode: string | null;
  voter: boolean;
  votes: Record<string, string>;
  tally: Tally;
  /** Scopes the voter votes in ("*" per contest, or product groups) and their labels. */
  scopes: string[];
  scopeLabel: (scope: string) => string;
  inScope: (candidate: VoteCandidate, scope: string) => boolean;
  name: (entryId: string) => string;
  notice: string | null;
  failure: FormFailure | null;
}

const NOTICES = [
  ['da-xac-minh', 'Đã xác minh. Bạn có thể bình chọn.'],
  ['da-bau', 'Đã ghi nhận phiếu bình chọn của bạn. Cảm ơn bạn!'],
  ['da-rut', 'Đã rút phiếu bình chọn.'],
] as const;

/** `/binh-chon/{contest}/binh-chon-cong-chung`: the vote as plain forms. */
export async function prepareVotePage(astro: AstroGlobal): Promise<Response | VotePage> {
  const def = await getContestDef(astro.params['id'] ?? '');
  if (!def?.vote) return notFoundPage(ContestError.catalogue.vote_disabled.message);
  const vote = def.vote;
  const phoneOnly = votePhoneOnly(def);
  const candidates = await getVoteCandidates(def);
  // What the refused form carried, to show again (filled while the form is read).
  const typed: { contact: string; verification: number | null } = { contact: '', verification: null };
  const posted = await runPageForm<CodeSent>(astro, async (form) => {
    const command = parseVoteForm(form, { phoneOnly });
    if (command.intent === 'ma') typed.contact = command.contact;
    if (command.intent === 'xac-minh') typed.verification = command.verification;
    return runVoteCommand(astro, def, vote, candidates, command);
  });
  if (posted.kind === 'redirect') return posted.response;
  const failure = posted.kind === 'failed' ? posted.failure : null;
  const echoed = failure?.extra['contact'];
  if (typeof echoed === 'string') typed.contact = echoed;
  if (failure?.code === 'code_format') typed.verification = (failure.extra['verification'] as number | null | undefined) ?? null;
  if (failure?.code === 'code_attempts') typed.verification = null;
  const voter = getVoter(def, getVoterToken(astro.cookies, def.id));
  const name = (id: string) => candidates.find((c) => c.id === id)?.name ?? id;
  const search = astro.url.searchParams;
  return {
    def,
    vote,
    candidates,
    open: isWithin(vote, now()),
    phoneOnly,
    challengeUrl: challengeUrlOf(def),
    contact: typed.contact,
    pendingVerification: posted.kind === 'stayed' ? posted.value.verification : typed.verification,
    demoCode: posted.kind === 'stayed' ? posted.value.demoCode : null,
    voter: voter !== null,
    votes: voter ? getVoterVotes(def, voter.id) : {},
    tally: getTally(def),
    scopes: vote.per === 'group' ? [...new Set(candidates.map((c) => c.group))] : ['*'],
    scopeLabel: (s) => (s === '*' ? 'Cả cuộc bình chọn' : (CNNT_GROUPS.entries.find(([id]) => id === s)?.[1] ?? s)),
    inScope: (c, s) => voteScope(def, c.group) === s,
    name,
    notice: failure ? null : (NOTICES.find(([key]) => search.has(key))?.[1] ?? null),
    failure,
  };
}
