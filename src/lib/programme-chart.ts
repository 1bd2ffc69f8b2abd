/**
 * Geometry and words of an indicator's chart: per year, a bar for the target (outlined) and one
 * for the actual (filled), on a scale from 0 to a round maximum. Pure and client-safe; the
 * component (src/components/IndicatorChart.astro) only draws what this returns, server-side.
 */
import { formatNumber } from './format';

export interface ChartYear {
  year: number;
  target: number | null;
  actual: number;
}

export interface ChartBar {
  year: number;
  x: number;
  /** Label under the bars. */
  label: string;
  target: { y: number; height: number; value: number } | null;
  actual: { y: number; height: number; value: number; text: string };
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** The plot's baseline (y of 0) and top. */
  baseline: number;
  top: number;
  left: number;
  right: number;
  barWidth: number;
  ticks: { y: number; label: string }[];
  bars: ChartBar[];
}

/** 1, 2, 5 × 10^n: the smallest such number at or above `n` (and at least 1). */
export function niceCeiling(n: number): number {
  if (n <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= n) return step * power;
  return 10 * power;
}

/** Short number for an axis or a bar: 1.050.000.000 → "1,05 tỷ", 210.000.000 → "210 triệu". */
export function compactNumber(n: number): string {
  const fmt = (v: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(v);
  if (Math.abs(n) >= 1e9) return `${fmt(n / 1e9)} tỷ`;
  if (Math.abs(n) >= 1e6) return `${fmt(n / 1e6)} triệu`;
  return formatNumber(n);
}

export function chartGeometry(years: readonly ChartYear[], options: { width?: number; height?: number } = {}): ChartGeometry {
  const width = options.width ?? 640;
  const height = options.height ?? 260;
  const left = 64;
  const right = width - 12;
  const top = 24;
  const baseline = height - 36;
  const max = niceCeiling(Math.max(0, ...years.flatMap((y) => [y.actual, y.target ?? 0])));
  const scale = (v: number) => ((baseline - top) * v) / max;
  const slot = (right - left) / Math.max(1, years.length);
  const barWidth = Math.min(36, (slot - 12) / 2);
  const bars = years.map((y, i) => {
    const x = left + slot * i + (slot - barWidth * 2 - 4) / 2;
    const actualHeight = scale(y.actual);
    const targetHeight = y.target === null ? 0 : scale(y.target);
    return {
      year: y.year,
      x,
      label: String(y.year),
      target: y.target === null ? null : { y: baseline - targetHeight, height: targetHeight, value: y.target },
      actual: { y: baseline - actualHeight, height: actualHeight, value: y.actual, text: compactNumber(y.actual) },
    };
  });
  // Counts (fairs, booths, products) get whole-number ticks only: no "0,25 hội chợ".
  const whole = years.every((y) => Number.isInteger(y.actual) && (y.target === null || Number.isInteger(y.target)));
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .filter((f) => !whole || Number.isInteger(max * f))
    .map((f) => ({ y: baseline - (baseline - top) * f, label: compactNumber(max * f) }));
  return { width, height, baseline, top, left, right, barWidth, ticks, bars };
}

/** The chart in one sentence, for its accessible description. */
export function chartSummary(unit: string, years: readonly ChartYear[]): string {
  return years
    .map((y) => `năm ${String(y.year)}: thực hiện ${formatNumber(y.actual)} ${unit}${y.target === null ? ', không có chỉ tiêu năm' : `, chỉ tiêu ${formatNumber(y.target)}`}`)
    .join('; ');
}

/** Actual as a percentage of target, one decimal; null when there is no target to measure against. */
export function percentOf(actual: number, target: number | null): number | null {
  if (target === null || target <= 0) return null;
  return Math.round((actual / target) * 1000) / 10;
}

/** "12,5 %", or "—" without a target. */
export function formatPercent(p: number | null): string {
  return p === null ? '—' : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(p)} %`;
}
