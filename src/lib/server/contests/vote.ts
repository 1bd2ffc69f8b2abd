/**
 * The people's-choice vote in one import: verification of voters (voters.ts), the ballot and
 * tally (ballot.ts), the proof-of-work challenge (vote-challenge.ts) and the per-IP limits
 * (vote-rate.ts). Separate from the judges' result and never changing it.
 */
export { challengeUrlOf, getVoter, requestVoteCode, requestVoteCodeWithChallenge, requireVoteOpen, verifyVoteCode, votePhoneOnly, VOTER_COOKIE, type CodeRequest, type CodeRequestOptions } from './voters';
export { castVote, getTally, getVoterVotes, voteScope, withdrawVote, type Tally } from './ballot';
export { CHALLENGE_TTL_MS, createVoteChallenge, verifyVoteChallenge, type SolvedChallenge, type VoteChallenge } from './vote-challenge';
export { CHALLENGE_AFTER, HARD_LIMIT } from './vote-rate';
