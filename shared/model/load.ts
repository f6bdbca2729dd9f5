// COPY load errors as the store keeps them (STL_LOAD_ERRORS / SYS_LOAD_ERROR_DETAIL, REFERENCE 1.13, 1.22).

export interface LoadErrorRow {
  connectionId: string;
  query: number;
  startTime: string;
  tableId: number | null;
  tableName: string | null;
  fileName: string;
  lineNumber: number;
  columnName: string;
  errCode: number;
  errReason: string;
  /** The raw line exactly as delivered: may hold tabs, newlines, markup. Render as text only. */
  rawLine: string;
  rawFieldValue: string;
  position: number | null;
}

export interface LoadErrorsArgs {
  connectionId: string;
  from: string;
  to: string;
  tableName?: string;
  errCode?: number;
  limit?: number;
  offset?: number;
}

export interface LoadErrorsPage {
  rows: LoadErrorRow[];
  total: number;
}
