// Kusto's own language service (Kusto.Language, the parser behind the Log Analytics editor) checks the
// fleet query offline: syntax, names, types and the result schema, against the AzureDiagnostics columns
// the query reads.
/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
require('@kusto/language-service-next/bridge');
require('@kusto/language-service-next/Kusto.Language.Bridge');

const G = globalThis as any;
const K = G.Kusto.Language;
const Bridge = G.Bridge;

const AZURE_DIAGNOSTICS =
  '(TimeGenerated:datetime, ResourceProvider:string, ResourceType:string, Category:string, _ResourceId:string, OperationName:string, Level:string, ResultType:string, ResultDescription:string, properties_s:string)';

const globals = K.GlobalState.Default.WithDatabase(
  new K.Symbols.DatabaseSymbol.$ctor1('workspace', [new K.Symbols.TableSymbol.$ctor7('AzureDiagnostics', AZURE_DIAGNOSTICS, null)]),
);

export interface KustoToken {
  kind: number;
  text: string;
  value: string;
  isString: boolean;
}

export interface KustoAnalysis {
  diagnostics: string[];
  columns: { name: string; type: string }[];
  tokens: KustoToken[];
}

const STRING_LITERAL = K.Syntax.SyntaxKind.StringLiteralToken;

function tokensOf(code: any): KustoToken[] {
  const tokens: KustoToken[] = [];
  for (let t = code.Syntax.GetFirstToken(); t; t = t.GetNextToken()) {
    tokens.push({ kind: t.Kind, text: String(t.Text), value: String(t.ValueText), isString: t.Kind === STRING_LITERAL });
  }
  return tokens;
}

/** Syntax only (fast): the tokens and the parse errors. */
export function parse(query: string): { diagnostics: string[]; tokens: KustoToken[] } {
  const code = K.KustoCode.Parse(query);
  const diagnostics = Bridge.toArray(code.GetDiagnostics()).map((d: any) => `${d.Severity} ${d.Code} ${d.Message}`);
  return { diagnostics, tokens: tokensOf(code) };
}

/** Parse and bind against the schema: names, types, result columns. */
export function analyse(query: string): KustoAnalysis {
  const code = K.KustoCode.ParseAndAnalyze(query, globals);
  const diagnostics = Bridge.toArray(code.GetDiagnostics()).map((d: any) => `${d.Severity} ${d.Code} ${d.Message} at ${JSON.stringify(query.slice(d.Start, d.End + 30))}`);
  const rs = code.ResultType;
  const columns = rs && rs.Columns ? Bridge.toArray(rs.Columns).map((c: any) => ({ name: String(c.Name), type: String(c.Type.Name) })) : [];
  return { diagnostics, columns, tokens: tokensOf(code) };
}
