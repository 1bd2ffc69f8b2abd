/** Where a fair belongs on the calendar: still ahead, or past. Client-safe, pure. */

/**
 * Whether a fair is still ahead at `at`: it has not ended, or it is postponed — the dates in
 * content are the ones it will not keep, and it takes place later ("Tạm hoãn" in the list of
 * upcoming fairs). A cancelled fair that has ended is past, like any other.
 */
export function isUpcomingFair(fair: { status: string; end: Date }, at: Date): boolean {
  return fair.status === 'postponed' || fair.end >= at;
}
