/** A CSV file (RFC 4180, CRLF line ends) of `rows` under `columns`' labels. */
export function toCsv(columns: readonly { key: string; label: string }[], rows: readonly Record<string, string | number | null>[]): string {
  const cell = (value: string | number | null | undefined) => {
    const text = value === null || value === undefined ? "" : String(value);
    // A leading =, +, - or @ would be a formula in a spreadsheet.
    const safe = /^[=+\-@]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [columns.map((column) => cell(column.label)), ...rows.map((row) => columns.map((column) => cell(row[column.key])))].map((line) => line.join(",")).join("\r\n") + "\r\n";
}
