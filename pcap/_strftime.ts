/**
 * C `strftime()` in the C locale over local time, for tcpdump's `-G` file names.
 *
 * @module
 */

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function pad(n: number, width: number, fill = "0"): string {
  return String(n).padStart(width, fill);
}

function dayOfYear(d: Date): number {
  const start = new Date(d.getFullYear(), 0, 1);
  // Calendar days between local midnights, immune to DST shifts.
  return Math.round(
    (Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) -
      Date.UTC(start.getFullYear(), 0, 1)) / 86400000,
  );
}

/** ISO 8601 week-based year and week number (`%G`, `%V`). */
function isoWeek(d: Date): [year: number, week: number] {
  const day = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  const wday = (d.getDay() + 6) % 7; // Monday = 0
  const thursday = new Date(day + (3 - wday) * 86400000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86400000));
  return [year, week];
}

function zone(d: Date): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZoneName: "short" })
    .formatToParts(d).find((p) => p.type === "timeZoneName");
  return part?.value ?? "";
}

/**
 * Expands `%` conversions of `format` for `date`, in local time, as glibc's `strftime()`
 * does in the C locale. Unknown conversions are kept as written.
 */
export function strftime(format: string, date: Date): string {
  return format.replace(/%([a-zA-Z%])/g, (whole, c: string) => {
    const d = date;
    switch (c) {
      case "a":
        return DAYS[d.getDay()]!.slice(0, 3);
      case "A":
        return DAYS[d.getDay()]!;
      case "b":
      case "h":
        return MONTHS[d.getMonth()]!.slice(0, 3);
      case "B":
        return MONTHS[d.getMonth()]!;
      case "c":
        return strftime("%a %b %e %H:%M:%S %Y", d);
      case "C":
        return pad(Math.floor(d.getFullYear() / 100), 2);
      case "d":
        return pad(d.getDate(), 2);
      case "D":
        return strftime("%m/%d/%y", d);
      case "e":
        return pad(d.getDate(), 2, " ");
      case "F":
        return strftime("%Y-%m-%d", d);
      case "g":
        return pad(isoWeek(d)[0] % 100, 2);
      case "G":
        return String(isoWeek(d)[0]);
      case "H":
        return pad(d.getHours(), 2);
      case "I":
        return pad(d.getHours() % 12 || 12, 2);
      case "j":
        return pad(dayOfYear(d) + 1, 3);
      case "k":
        return pad(d.getHours(), 2, " ");
      case "l":
        return pad(d.getHours() % 12 || 12, 2, " ");
      case "m":
        return pad(d.getMonth() + 1, 2);
      case "M":
        return pad(d.getMinutes(), 2);
      case "n":
        return "\n";
      case "p":
        return d.getHours() < 12 ? "AM" : "PM";
      case "P":
        return d.getHours() < 12 ? "am" : "pm";
      case "r":
        return strftime("%I:%M:%S %p", d);
      case "R":
        return strftime("%H:%M", d);
      case "s":
        return String(Math.floor(d.getTime() / 1000));
      case "S":
        return pad(d.getSeconds(), 2);
      case "t":
        return "\t";
      case "T":
        return strftime("%H:%M:%S", d);
      case "u":
        return String(d.getDay() || 7);
      case "U":
        return pad(Math.floor((dayOfYear(d) + 7 - d.getDay()) / 7), 2);
      case "V":
        return pad(isoWeek(d)[1], 2);
      case "w":
        return String(d.getDay());
      case "W":
        return pad(Math.floor((dayOfYear(d) + 7 - ((d.getDay() + 6) % 7)) / 7), 2);
      case "x":
        return strftime("%m/%d/%y", d);
      case "X":
        return strftime("%H:%M:%S", d);
      case "y":
        return pad(d.getFullYear() % 100, 2);
      case "Y":
        return String(d.getFullYear());
      case "z": {
        const off = -d.getTimezoneOffset();
        const abs = Math.abs(off);
        return (off < 0 ? "-" : "+") + pad(Math.floor(abs / 60), 2) + pad(abs % 60, 2);
      }
      case "Z":
        return zone(d);
      case "%":
        return "%";
      default:
        return whole;
    }
  });
}
