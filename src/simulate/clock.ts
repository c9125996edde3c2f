/**
 * `${global.*}` date and time variables from the simulated clock, in UTC as on CallFire
 * (CallFire XML help, System Variables). Formats CallFire does not document are chosen here: `global.date` is
 * `MM/DD/YYYY`, `global.time` is `HH:MM:SS` (24 h), numbers are not zero-padded.
 *
 * @module
 */

/** The value of `global.<name>` at `epochMs`, or `undefined` for an unknown name. */
export function globalVariable(name: string, epochMs: number): string | undefined {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hour = d.getUTCHours();
  switch (name) {
    case 'date':
      return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`;
    case 'time':
      return `${pad(hour)}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    case 'time.hour':
      return String(hour % 12 === 0 ? 12 : hour % 12);
    case 'time.hour.military':
      return String(hour);
    case 'date.month':
      return String(d.getUTCMonth() + 1);
    case 'date.day':
      return String(d.getUTCDate());
    case 'date.dayOfWeek':
      // Sunday is 1, Saturday 7.
      return String(d.getUTCDay() + 1);
    case 'date.year':
      return String(d.getUTCFullYear());
    default:
      return undefined;
  }
}
