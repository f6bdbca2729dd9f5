// Plain words for COPY load error codes (REFERENCE 1.22): what Redshift means, and what usually fixes
// it. Shown next to Redshift's own err_reason, which stays verbatim.

export interface LoadErrorHelp {
  meaning: string;
  fix: string;
}

const HELP: Record<number, LoadErrorHelp> = {
  1200: {
    meaning: 'Unknown parse error.',
    fix: 'Check the raw line by hand; if it looks valid, contact AWS support.',
  },
  1201: {
    meaning: 'A field delimiter was not found: the line has fewer separators than the table has columns.',
    fix: 'Check the DELIMITER option and whether values contain the delimiter without quoting (use CSV or ESCAPE).',
  },
  1202: {
    meaning: 'The line has more columns than the table: the supplier probably added a column.',
    fix: 'Add the column to the table (or load into a staging table), or list the target columns in the COPY.',
  },
  1203: {
    meaning: 'The line has fewer columns than the table.',
    fix: 'Ask the supplier about the missing column, or use FILLRECORD to load missing trailing columns as NULL.',
  },
  1204: {
    meaning: 'The value does not fit the column: too long for the VARCHAR/CHAR, or beyond the numeric range.',
    fix: 'Widen the column, or use TRUNCATECOLUMNS to cut over-long strings (the data is then shortened).',
  },
  1205: {
    meaning: "The date does not match the COPY's DATEFORMAT.",
    fix: "Set DATEFORMAT to the supplier's format (or 'auto'), or fix invalid dates upstream.",
  },
  1206: {
    meaning: "The timestamp does not match the COPY's TIMEFORMAT.",
    fix: "Set TIMEFORMAT to the supplier's format (or 'auto' / 'epochsecs'), or fix the values upstream.",
  },
  1207: {
    meaning: 'A digit was expected: the integer field holds letters, separators or other characters.',
    fix: 'Look for thousands separators, units or shifted columns in the line; fix the file or the column mapping.',
  },
  1208: {
    meaning: 'The value is not a valid floating-point number.',
    fix: 'Look for decimal commas or currency signs; normalise them upstream.',
  },
  1209: {
    meaning: 'The value is not a valid DECIMAL.',
    fix: 'Look for decimal commas, currency signs or thousands separators; normalise them upstream.',
  },
  1210: {
    meaning: 'The value is not a valid BOOLEAN (t, f, true, false, 1, 0, y, n, yes, no).',
    fix: "Map the supplier's values to a valid boolean form, or load the column as VARCHAR.",
  },
  1211: {
    meaning: 'The line is empty.',
    fix: 'Remove empty lines upstream, or ignore them (IGNOREBLANKLINES).',
  },
  1212: {
    meaning: 'A file named in the load was not found.',
    fix: 'Check the S3 path or manifest and that the file was delivered.',
  },
  1213: {
    meaning: 'A NOT NULL column got no value.',
    fix: 'Ask the supplier for the value, or relax the NOT NULL constraint / give the column a default.',
  },
  1214: {
    meaning: 'A delimiter was not found: usually a value with an embedded newline ends the line early.',
    fix: 'Quote values and load with CSV, or ESCAPE / REMOVEQUOTES so embedded newlines stay in the value.',
  },
  1215: {
    meaning: 'A CHAR column got a multibyte character; CHAR holds single-byte characters only.',
    fix: 'Change the column to VARCHAR.',
  },
  1216: {
    meaning: 'The line is not valid input (e.g. an unmatched quote).',
    fix: 'Look for stray quote characters; load with CSV QUOTE AS or clean the file upstream.',
  },
  1217: {
    meaning: 'Invalid IDENTITY column value.',
    fix: 'Do not load IDENTITY columns, or use EXPLICIT_IDS.',
  },
  1218: {
    meaning: "With NULL AS '\\0', a field holding a NUL terminator had more than one byte.",
    fix: 'Fix the NUL handling upstream or change the NULL AS option.',
  },
  1219: {
    meaning: 'Invalid digit in a UTF-8 hexadecimal sequence.',
    fix: 'Fix the escaped sequence upstream.',
  },
  1220: {
    meaning: 'The text holds invalid or unsupported UTF-8 (often Latin-1 or Windows-1252 bytes).',
    fix: 'Convert the file to UTF-8, or use ACCEPTINVCHARS to replace invalid characters.',
  },
  1221: {
    meaning: "The file's encoding differs from the COPY ENCODING option.",
    fix: "Set ENCODING to the file's real encoding.",
  },
  1222: {
    meaning: "The integer is outside the column type's range.",
    fix: 'Widen the column (INT4 → INT8) or check for shifted columns.',
  },
  1223: { meaning: 'Invalid data type.', fix: 'Check the column types against the data.' },
  1224: {
    meaning:
      'The JSON object or array is malformed (e.g. a raw control character inside a string, or a cut-off object).',
    fix: 'Ask the supplier for valid JSON (control characters escaped as \\uXXXX, complete objects).',
  },
  8001: {
    meaning: 'COPY with MANIFEST needs full S3 object paths.',
    fix: 'List full object paths in the manifest.',
  },
  9005: { meaning: 'Invalid end key specified.', fix: 'Check the COPY options.' },
};

/** Meaning and fix of an error code; a generic text for codes Redshift documents no meaning for. */
export function loadErrorHelp(code: number): LoadErrorHelp {
  return (
    HELP[code] ?? {
      meaning: `Error code ${code} is not in Redshift's load error reference.`,
      fix: "Read Redshift's reason and the raw line.",
    }
  );
}
